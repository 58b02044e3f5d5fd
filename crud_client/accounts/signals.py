"""Keep the API token, sealed, in the server-side session of whoever logs in."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.session_user import remember
from apiclient import save_token


@receiver(user_logged_in)
def store_api_token(sender, request, user, **kwargs):
    """Save the token the backend obtained, with its expiry (how long the session may last is the login's choice)."""
    remember(request.session, user)
    token = getattr(user, "api_token", None)
    if token is None:
        return
    # Runs after login() has rotated (or flushed) the session, so the token lands in the new one.
    save_token(request.session, token, getattr(user, "api_token_expiry", None))
