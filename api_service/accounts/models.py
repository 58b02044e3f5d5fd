"""Account data beside Django's user and knox's tokens: canonical usernames, and what a token is as a session."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from knox.models import AuthToken

from common.end_user import USER_AGENT_MAX_LENGTH


class CanonicalUsername(models.Model):
    """A user's username in canonical form (accounts.usernames), unique: two spellings of one name are one user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="canonical_username"
    )
    # Text, not 150 characters: NFKC expands some letters (one ligature becomes 18 characters).
    name = models.TextField(unique=True)

    def __str__(self) -> str:
        return self.name


def new_public_id() -> str:
    """Return a random id to show for a session: unrelated to the token, so it reveals nothing about it."""
    return secrets.token_urlsafe(16)


class TokenSession(models.Model):
    """What the user sees of one of their API tokens as a session: where it signed in from, and when it was used.

    A table beside knox's own rather than knox's swappable token model: knox's migrations create its table
    even when the model is swapped, and that orphan's foreign key to users makes PostgreSQL refuse `flush`.
    Authentication reads both rows in its one query (common/authentication.py).
    """

    token = models.OneToOneField(AuthToken, on_delete=models.CASCADE, primary_key=True, related_name="session")
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    user_agent = models.CharField(max_length=USER_AGENT_MAX_LENGTH, null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    # Written at most once a minute by authentication, so most authenticated reads stay reads.
    last_used = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.public_id
