"""Keep the API token in the server-side session of whoever logs in."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.dateparse import parse_datetime

from apiclient import SESSION_TOKEN_KEY


@receiver(user_logged_in)
def store_api_token(sender, request, user, **kwargs):
    """Save the token the backend obtained; the session ends when the token does."""
    token = getattr(user, "api_token", None)
    if token is None:
        return
    request.session[SESSION_TOKEN_KEY] = token
    expiry = parse_datetime(user.api_token_expiry or "")
    if expiry is not None:
        request.session.set_expiry(expiry)
