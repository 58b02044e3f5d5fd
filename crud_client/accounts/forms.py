"""Login and registration forms; API errors land on the fields they name."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from apiclient import ApiThrottled, ApiUnavailable, ApiValidationError
from common.api_errors import UNAVAILABLE, apply_api_errors, throttled_message


class LoginForm(AuthenticationForm):
    """Django's login form; an unreachable or throttling API becomes a form error with a status to answer."""

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


class RegistrationForm(forms.Form):
    """Sign-up details; the API decides whether the username and password are acceptable."""

    username = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username"}))
    email = forms.EmailField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password1 = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label="Password confirmation",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Enter the same password again.",
    )

    def clean_password2(self):
        """Require the two passwords to match before asking the API anything."""
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError("The two password fields didn’t match.", code="password_mismatch")
        return second

    def api_errors(self, exc: ApiValidationError) -> None:
        """Show the API's messages next to the fields, its `password` errors under Password."""
        field_errors = {("password1" if name == "password" else name): msgs for name, msgs in exc.field_errors.items()}
        apply_api_errors(self, ApiValidationError(field_errors, exc.non_field_errors))
