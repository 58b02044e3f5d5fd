"""The HTML login pages (the admin's and the browsable API's), counting failed passwords like the JSON login.

A refused attempt redisplays the login form with a message saying how long to wait, answered 429 with
Retry-After, as the JSON login answers its own.
"""

import math

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import ValidationError
from django.urls import path
from rest_framework.exceptions import Throttled

from accounts.password_attempts import check_password

TOO_MANY_FAILURES = "Too many failed attempts to log in. Try again in %(wait)s."


class ThrottledLoginFormMixin:
    """Check the password through accounts.password_attempts, so failures here count with every other route's."""

    retry_after = None  # seconds, once an attempt was refused

    def clean(self):
        """Authenticate as Django's form does, unless recent failures forbid trying now."""
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = check_password(
                    self.request,
                    username,
                    lambda: authenticate(self.request, username=username, password=password),
                )
            except Throttled as refused:
                self.retry_after = math.ceil(refused.wait)
                wait = f"{self.retry_after} second{'' if self.retry_after == 1 else 's'}"
                raise ValidationError(TOO_MANY_FAILURES, code="throttled", params={"wait": wait}) from None
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class ThrottledAuthenticationForm(ThrottledLoginFormMixin, AuthenticationForm):
    """The browsable API's login form."""


class ThrottledAdminAuthenticationForm(ThrottledLoginFormMixin, AdminAuthenticationForm):
    """The admin's login form (staff only, as Django's)."""


def with_throttle_status(response):
    """Answer a login page whose form was refused for too many failures with 429 and Retry-After."""
    form = (getattr(response, "context_data", None) or {}).get("form")
    if getattr(form, "retry_after", None):
        response.status_code = 429
        response["Retry-After"] = str(form.retry_after)
    return response


class BrowsableApiLoginView(LoginView):
    """The browsable API's login page."""

    template_name = "rest_framework/login.html"
    authentication_form = ThrottledAuthenticationForm

    def form_invalid(self, form):
        """Redisplay the form; 429 when the attempt was refused for too many failures."""
        return with_throttle_status(super().form_invalid(form))


class AdminSite(admin.AdminSite):
    """Django's admin site, its login counting failed passwords (installed by accounts.apps.AdminConfig)."""

    login_form = ThrottledAdminAuthenticationForm

    def login(self, request, extra_context=None):
        """Show and check the admin's login form; 429 when the attempt was refused for too many failures."""
        return with_throttle_status(super().login(request, extra_context))


# Mounted at /api-auth/ in place of rest_framework.urls, under the same names ("rest_framework:login").
browsable_api_urls = (
    [
        path("login/", BrowsableApiLoginView.as_view(), name="login"),
        path("logout/", LogoutView.as_view(), name="logout"),
    ],
    "rest_framework",
)
