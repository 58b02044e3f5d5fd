"""Usernames compared one way everywhere: NFKC-normalised and case-folded, so `Straße` and `STRASSE` are one user."""

import unicodedata

from django.contrib.auth import get_user_model


def canonical_username(username: str) -> str:
    """Return the form two usernames share when they name the same user (`Äpfel` and `äpfel`: `äpfel`)."""
    # Case folding can undo the normalisation (and NFKC can fold case into new letters), so normalise again.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", username).casefold())


def user_by_username(username: str):
    """Return the user with this username, compared canonically; None when there is none."""
    users = get_user_model()._default_manager
    # The exact name first: it is the only way to reach an older account whose canonical form another one took
    # before canonical names existed (see migration 0002).
    return (
        users.filter(username=username).first()
        or users.filter(canonical_username__name=canonical_username(username)).first()
    )


def keep_canonical_username(sender, instance, created, update_fields=None, **kwargs):
    """Store a saved user's canonical username (connected to the user model's post_save)."""
    from accounts.models import CanonicalUsername

    if created:
        CanonicalUsername.objects.create(user=instance, name=canonical_username(instance.username))
    elif update_fields is None or "username" in update_fields:
        # Saves of other fields (last_login at every login) skip this write.
        CanonicalUsername.objects.update_or_create(
            user=instance, defaults={"name": canonical_username(instance.username)}
        )
