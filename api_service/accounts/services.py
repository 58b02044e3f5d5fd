"""Account writes that are more than a save: a password change that signs out other sessions, an account deletion."""

from django.db import transaction
from knox.models import AuthToken

from inventory.models import Category, HistoricalItem, Item


def password_change(*, user, new_password: str, keep_token=None) -> None:
    """Set the user's new password and revoke every token of theirs except `keep_token` (the caller's)."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        others = AuthToken.objects.filter(user=user)
        if keep_token is not None:
            others = others.exclude(pk=keep_token.pk)
        others.delete()


def account_delete(*, user) -> None:
    """Delete the user and everything of theirs: items (trashed too) and their history, categories, tokens and
    sessions, idempotency records."""
    with transaction.atomic():
        # Items first: a category cannot go while items are in it (Item.category is PROTECT). The rest goes
        # with the user through its foreign keys (tokens, sessions, canonical name, idempotency records).
        HistoricalItem.objects.filter(owner=user).delete()
        Item.all_objects.filter(owner=user).delete()
        Category.objects.filter(owner=user).delete()
        user.delete()
