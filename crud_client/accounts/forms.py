"""The account forms: log in, register, email, passwords, deletion and reset; API errors land on the fields they
name (`api_field_names` maps the API's names to ours)."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from apiclient import ApiThrottled, ApiUnavailable
from common.api_errors import UNAVAILABLE, throttled_message


class LoginForm(AuthenticationForm):
    """Django's login form; an unreachable or throttling API becomes a form error with a status to answer."""

    remember = forms.BooleanField(
        label="Keep me signed in",
        required=False,
        help_text="Unticked, you are signed out when you close the browser.",
    )

    status = 200

    def clean(self):
        """Authenticate through the API, keeping the typed username whatever happens."""
        try:
            return super().clean()
        except ApiUnavailable:
            self.status = 503
            raise forms.ValidationError(UNAVAILABLE, code="unavailable") from None
        except ApiThrottled as exc:
            self.status = 429
            raise forms.ValidationError(throttled_message(exc), code="throttled") from None


def new_password_fields(label: str = "New password", confirmation_label: str = "Confirm new password"):
    """Return a new password field and its confirmation (never trimmed); the API's password rules decide the rest."""
    password = forms.CharField(
        label=label, strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    confirmation = forms.CharField(
        label=confirmation_label,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Enter the same password again.",
    )
    return password, confirmation


class NewPasswordForm(forms.Form):
    """A new password typed twice (`password1`, `password2`); the two must match before the API is asked."""

    password1, password2 = new_password_fields()

    def clean_password2(self):
        """Require the two passwords to match."""
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError("The two password fields didn’t match.", code="password_mismatch")
        return second


class RegistrationForm(NewPasswordForm):
    """Sign-up details; the API decides whether the username and password are acceptable."""

    username = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username"}))
    email = forms.EmailField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password1, password2 = new_password_fields("Password", "Password confirmation")

    field_order = ["username", "email", "password1", "password2"]
    api_field_names = {"password": "password1"}


class EmailForm(forms.Form):
    """The account's email address."""

    email = forms.EmailField(
        label="Email address", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class PasswordChangeForm(NewPasswordForm):
    """The current password, then the new one twice."""

    old_password = forms.CharField(
        label="Current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    field_order = ["old_password", "password1", "password2"]
    api_field_names = {"new_password": "password1"}


class AccountDeleteForm(forms.Form):
    """The password that confirms deleting the account."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To be sure it is you.",
    )


class PasswordResetRequestForm(forms.Form):
    """The address a reset link goes to."""

    email = forms.EmailField(
        label="Email address", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class SetPasswordForm(NewPasswordForm):
    """A new password, through a reset link."""

    api_field_names = {"new_password": "password1"}
