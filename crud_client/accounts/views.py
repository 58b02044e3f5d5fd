"""Log in, register, log out, and the front door."""

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.views.generic import FormView, RedirectView, TemplateView

from accounts.forms import LoginForm, RegistrationForm
from apiclient import ApiError, ApiThrottled, ApiUnavailable, ApiValidationError, api_client_for
from common.api_errors import UNAVAILABLE, throttled_message


class HomeView(RedirectView):
    """Send signed-in users to their items and everyone else to the login page."""

    def get_redirect_url(self, *args, **kwargs):
        """Choose by whether the visitor is logged in."""
        return reverse_lazy("items:list" if self.request.user.is_authenticated else "accounts:login")


class LoginView(auth_views.LoginView):
    """Django's LoginView over the API backend; `?next=` is honoured only for this site."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        """Redisplay the form, answering 503 or 429 when the API was the problem."""
        response = super().form_invalid(form)
        response.status_code = form.status
        return response


class RegisterView(FormView):
    """Create an account at the API, then log straight in."""

    template_name = "accounts/register.html"
    form_class = RegistrationForm
    success_url = reverse_lazy("items:list")

    def form_valid(self, form):
        """Register at the API and log in; when the API refuses or fails, redisplay with every typed value."""
        data = form.cleaned_data
        try:
            api_client_for(self.request, with_token=False).auth.register(
                username=data["username"], email=data["email"], password=data["password1"]
            )
        except ApiValidationError as exc:
            form.api_errors(exc)
            status = 400
        except ApiUnavailable:
            form.add_error(None, UNAVAILABLE)
            status = 503
        except ApiThrottled as exc:
            form.add_error(None, throttled_message(exc))
            status = 429
        else:
            return self.log_in(data["username"], data["password1"])
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def log_in(self, username: str, password: str):
        """Log the new account in, or send it to the login page if the API will not say yes right now."""
        try:
            user = authenticate(self.request, username=username, password=password)
        except ApiError:
            # The account exists now; resubmitting the form would only say the username is taken.
            user = None
        if user is None:
            messages.info(self.request, "Your account was created. Please log in.")
            return redirect("accounts:login")
        login(self.request, user)
        messages.success(self.request, f"Welcome, {user.username}! Your account is ready.")
        return redirect(self.get_success_url())


class LogoutView(TemplateView):
    """Ask on GET, then on POST revoke the token at the API and end the session; no link can log anyone out."""

    template_name = "accounts/logout.html"

    def get(self, request, *args, **kwargs):
        """Show the confirmation with its button, or send a visitor who is not logged in to the login page."""
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        return super().get(request, *args, **kwargs)

    def post(self, request):
        """Log out everywhere this session reached."""
        if request.user.is_authenticated:
            try:
                api_client_for(request).auth.logout()
            except ApiError:
                # The session ends regardless; an unreachable API must not keep a user logged in here.
                pass
        logout(request)
        messages.info(request, "You have been logged out.")
        return redirect("accounts:login")
