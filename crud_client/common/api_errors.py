"""API-client errors as the words and form errors a person sees; shared by every form that talks to the API."""

from django import forms

from apiclient import ApiThrottled, ApiValidationError

UNAVAILABLE = "The Stockroom service is unavailable. Please try again in a moment."


def throttled_message(exc: ApiThrottled) -> str:
    """Say how long to wait after too many attempts."""
    wait = f"{exc.retry_after} seconds" if exc.retry_after else "a moment"
    return f"Too many attempts. Please wait {wait} and try again."


def apply_api_errors(form: forms.Form, exc: ApiValidationError) -> None:
    """Attach the API's messages to the matching fields; the rest become form-wide errors."""
    for name, messages in exc.field_errors.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
    for message in exc.non_field_errors:
        form.add_error(None, message)
