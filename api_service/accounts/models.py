"""Account data beside Django's user: canonical usernames, and the API tokens that are the user's sessions."""

from django.conf import settings
from django.db import models


class CanonicalUsername(models.Model):
    """A user's username in canonical form (accounts.usernames), unique: two spellings of one name are one user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="canonical_username"
    )
    # Text, not 150 characters: NFKC expands some letters (one ligature becomes 18 characters).
    name = models.TextField(unique=True)

    def __str__(self) -> str:
        return self.name
