"""Keep the API token in the server-side session of whoever logs in."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from apiclient import SESSION_TOKEN_KEY


@receiver(user_logged_in)
def store_api_token(sender, request, user, **kwargs):
    """Save the token the backend obtained; the session ends when the token does, or sooner."""
    token = getattr(user, "api_token", None)
    if token is None:
        return
    # Runs after login() has rotated (or flushed) the session, so the token lands in the new one.
    request.session[SESSION_TOKEN_KEY] = token
    expiry = parse_datetime(getattr(user, "api_token_expiry", None) or "")
    # A dead token would only bounce the user through the expired-session redirect, so end the session first;
    # a long-lived token never stretches the session beyond SESSION_COOKIE_AGE.
    if expiry is not None and expiry < timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE):
        request.session.set_expiry(expiry)
