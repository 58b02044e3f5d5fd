"""Log in, register, log out, and the front door (the account's own pages are in account_views.py)."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.generic import FormView, RedirectView, TemplateView

from accounts.forms import LoginForm, RegistrationForm
from apiclient import ApiError, api_client_for
from apiclient.session_token import token_expiry
from common.api_views import ApiSubmitMixin
from inventory.dashboard_views import DashboardView


class HomeView(RedirectView):
    """Show signed-in users their dashboard; send everyone else to the login page."""

    def get(self, request, *args, **kwargs):
        """Show the dashboard to a signed-in user."""
        if request.user.is_authenticated:
            return DashboardView.as_view()(request, *args, **kwargs)
        return super().get(request, *args, **kwargs)

    def get_redirect_url(self, *args, **kwargs):
        """Return the login page."""
        return reverse_lazy("accounts:login")


class LoginView(auth_views.LoginView):
    """Django's LoginView over the API backend; `?next=` is honoured only for this site."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        """Log in; unless "Keep me signed in" was ticked, the session ends when the browser closes."""
        response = super().form_valid(form)
        session = self.request.session
        if not form.cleaned_data.get("remember"):
            session.set_expiry(0)
            return response
        # Kept until the token expires, but never beyond SESSION_COOKIE_AGE (CLIENT_SESSION_SECONDS).
        expiry = token_expiry(session)
        if expiry is not None and expiry < timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE):
            session.set_expiry(expiry)
        return response

    def form_invalid(self, form):
        """Redisplay the form, answering 503 or 429 when the API was the problem."""
        response = super().form_invalid(form)
        response.status_code = form.status
        return response


class RegisterView(ApiSubmitMixin, FormView):
    """Create an account at the API, then log straight in."""

    template_name = "accounts/register.html"
    form_class = RegistrationForm
    success_url = reverse_lazy("items:list")
    api_with_token = False

    def submit(self, form):
        """Register at the API and log in (the API's refusals are shown beside the fields)."""
        data = form.cleaned_data
        self.api.auth.register(username=data["username"], email=data["email"], password=data["password1"])
        return self.log_in(data["username"], data["password1"])

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
        # As a login with "Keep me signed in" unticked: the session ends when the browser closes.
        self.request.session.set_expiry(0)
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
