"""Writes that are more than `serializer.save()`: the guarded category delete."""

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from common.exceptions import Conflict
from inventory.models import Category, Item

FILED_MEANWHILE = "An item was filed into this category while it was being deleted. Try again."


def category_delete(*, category: Category, delete) -> None:
    """Delete a category with `delete()`, or refuse with 409 while it still has live items.

    Items in the trash do not hold a category: they lose it (and come back uncategorised if restored).
    """
    try:
        with transaction.atomic():
            refusal = category_delete_refusal(category)
            if refusal:
                raise Conflict(refusal)
            Item.all_objects.trashed().filter(category=category).update(category=None)
            delete()
    # An item filed into the category meanwhile trips the foreign key (PROTECT): still a conflict, not a crash.
    except (ProtectedError, IntegrityError):
        # Counted again after the refusal: the item may have gone to the trash since, which counts for nothing.
        raise Conflict(category_delete_refusal(category) or FILED_MEANWHILE) from None


def category_delete_refusal(category: Category) -> str | None:
    """Say why `category` cannot be deleted now (it still has live items), or None when it can."""
    count = Item.objects.filter(category=category).count()
    if not count:
        return None
    noun = "item" if count == 1 else "items"
    return f"This category still has {count} {noun}. Move or delete them first."
