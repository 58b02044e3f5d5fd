"""API-client errors as the words and form errors a person sees; shared by every form that talks to the API."""

from django import forms

from apiclient import ApiThrottled, ApiValidationError

UNAVAILABLE = "The Stockroom service is unavailable. Please try again in a moment."


def throttled_message(exc: ApiThrottled) -> str:
    """Say how long to wait after too many attempts."""
    wait = f"{exc.retry_after} seconds" if exc.retry_after else "a moment"
    return f"Too many attempts. Please wait {wait} and try again."


def apply_api_errors(form: forms.Form, exc: ApiValidationError) -> None:
    """Attach the API's messages to the matching fields; the rest become form-wide errors.

    A form whose fields are named differently from the API's gives `api_field_names`, e.g.
    `{"password": "password1"}`.
    """
    renames = getattr(form, "api_field_names", {})
    for api_name, messages in exc.field_errors.items():
        name = renames.get(api_name, api_name)
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
    for message in exc.non_field_errors:
        form.add_error(None, message)
