"""A forgotten password: ask for a link by email, then set a new password through the link's page.

The link's page works as Django's PasswordResetConfirmView does: it checks the link with the API, moves the
token from the URL into the session and redirects to a URL without it, so the token never leaks to another site
through the Referer header or into the browser's history beyond that first request.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.generic import FormView, TemplateView

from accounts.forms import PasswordResetRequestForm, SetPasswordForm
from apiclient import ApiValidationError
from common.api_views import ApiSubmitMixin

SESSION_KEY = "_password_reset_token"
# What the URL's token becomes once the real one is in the session (Django uses the same word).
SET_PASSWORD = "set-password"


class PasswordResetRequestView(ApiSubmitMixin, FormView):
    """Ask for a reset link for an email address."""

    template_name = "accounts/form_page.html"
    form_class = PasswordResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_sent")
    api_with_token = False
    extra_context = {
        "title": "Reset your password",
        "intro": "Enter your account’s email address and we will send you a link to set a new password.",
        "submit_label": "Send the link",
        "cancel_url": "accounts:login",
    }

    def submit(self, form):
        """Ask the API to mail a link; it answers alike whether or not the address has an account."""
        self.api.auth.request_password_reset(form.cleaned_data["email"])
        return redirect(self.get_success_url())


class PasswordResetSentView(TemplateView):
    """Say that a link was sent if the address has an account, without saying whether it has."""

    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(ApiSubmitMixin, FormView):
    """Set a new password through a valid link; say plainly when the link is used or expired."""

    template_name = "accounts/form_page.html"
    form_class = SetPasswordForm
    api_with_token = False
    extra_context = {"title": "Set a new password", "submit_label": "Set password"}

    def dispatch(self, request, *args, **kwargs):
        """Check a fresh link and move its token into the session; on `set-password`, use the session's token."""
        uid, token = kwargs["uidb64"], kwargs["token"]
        if token != SET_PASSWORD:
            try:
                self.api.auth.check_password_reset(uid, token)
            except ApiValidationError:
                return self.link_is_dead()
            request.session[SESSION_KEY] = {"uid": uid, "token": token}
            return redirect(reverse("accounts:password_reset_confirm", args=[uid, SET_PASSWORD]))
        saved = request.session.get(SESSION_KEY)
        if not saved or saved.get("uid") != uid:
            return self.link_is_dead()
        self.reset = saved
        return super().dispatch(request, *args, **kwargs)

    def submit(self, form):
        """Set the password; a link that died meanwhile gets the dead-link page, a refused password its field."""
        try:
            self.api.auth.confirm_password_reset(
                uid=self.reset["uid"], token=self.reset["token"], new_password=form.cleaned_data["password1"]
            )
        except ApiValidationError as exc:
            if "token" in exc.field_errors or "uid" in exc.field_errors:
                return self.link_is_dead()
            raise
        del self.request.session[SESSION_KEY]
        messages.success(self.request, "Your password was reset. Log in with your new password.")
        return redirect("accounts:login")

    def link_is_dead(self):
        """Answer a used, expired or forged link with a page that says so and offers a new one."""
        self.request.session.pop(SESSION_KEY, None)
        return render(self.request, "accounts/password_reset_link_dead.html")
