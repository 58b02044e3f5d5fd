"""The items' trash: moving an item there, bringing items back, deleting them for good, and purging old ones.

A trashed item keeps every field and its history; the default manager hides it everywhere else (inventory/models.py).
Its SKU is free for a new item meanwhile, so bringing it back is refused (409) while a live item holds that SKU.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from common.concurrency import VersionMismatch
from common.exceptions import Conflict
from inventory.history import Action, forget, record
from inventory.models import Item

_PURGE_BATCH = 1000


class SkuTaken(Conflict):
    """Restoring would give two live items one SKU (409); the body names the SKU or the items, as given."""

    def __init__(self, body: dict):
        super().__init__()
        self.detail = body  # as it is: DRF would turn the ids into strings


def item_trash(*, item: Item, expected_versions: set[int] | None, user, source: str) -> None:
    """Move a live item to the trash if its version is still an expected one, else raise VersionMismatch."""
    rows = Item.objects.filter(pk=item.pk)
    if expected_versions is not None:
        rows = rows.filter(version__in=expected_versions)
    now = timezone.now()
    with transaction.atomic():
        if not rows.update(deleted_at=now):
            raise VersionMismatch
        item.deleted_at = now
        record(ids=[item.pk], action=Action.DELETED, source=source, user=user, when=now)


def trashed_items(owner):
    """Return the owner's trashed items, newest deletion first."""
    return Item.all_objects.trashed().filter(owner=owner).order_by("-deleted_at", "-id")


def items_restore(*, owner, ids: list[int], user, source: str) -> list[dict]:
    """Bring the owner's trashed items `ids` back, all or none; return each one's `{"id", "version"}`.

    Raises a 400 naming ids not in the owner's trash, and a 409 naming the items whose SKU a live item has taken
    (or that share a SKU with another item being restored).
    """
    with transaction.atomic():
        rows = {
            row["id"]: row
            for row in trashed_items(owner).select_for_update().filter(pk__in=ids).values("id", "sku", "version")
        }
        missing = [pk for pk in ids if pk not in rows]
        if missing:
            raise ValidationError({"ids": [f"Not found: {', '.join(map(str, missing))}"]})
        _refuse_taken_skus(owner, [rows[pk] for pk in ids])
        now = timezone.now()
        try:
            with transaction.atomic():
                Item.all_objects.filter(pk__in=ids).update(deleted_at=None, version=F("version") + 1, updated_at=now)
        except IntegrityError:
            # A live item took one of the SKUs after the check: the unique constraint is the last word.
            _refuse_taken_skus(owner, [rows[pk] for pk in ids])
            raise Conflict("Another item took one of these SKUs meanwhile; try again.") from None
        record(ids=ids, action=Action.RESTORED, source=source, user=user, when=now)
    return [{"id": pk, "version": rows[pk]["version"] + 1} for pk in ids]


def _refuse_taken_skus(owner, rows: list[dict]) -> None:
    """Raise 409 for the rows whose SKU a live item holds, or an earlier row of the same restore holds."""
    skus = [row["sku"] for row in rows if row["sku"]]
    live = set(Item.objects.filter(owner=owner).holding_skus(skus).values_list("sku", flat=True))
    seen, clashes = set(), []
    for row in rows:
        if row["sku"] and (row["sku"] in live or row["sku"] in seen):
            clashes.append(row)
        seen.add(row["sku"])
    if not clashes:
        return
    if len(rows) == 1:
        sku = clashes[0]["sku"]
        raise SkuTaken(
            {"detail": f"Another item now has SKU '{sku}'. Change that item's SKU, then restore this one.", "sku": sku}
        )
    skus_taken = ", ".join(dict.fromkeys(f"'{row['sku']}'" for row in clashes))
    raise SkuTaken(
        {
            "detail": f"Other items now have SKU {skus_taken}. Change their SKUs, then restore these items.",
            "ids": [row["id"] for row in clashes],
        }
    )


def item_delete_for_good(*, owner, pk: int) -> bool:
    """Delete one of the owner's trashed items and its history; return whether there was one."""
    with transaction.atomic():
        item = trashed_items(owner).filter(pk=pk)
        forget(item)
        deleted, _ = item.delete()
    return bool(deleted)


def retention(days: int | None = None) -> timedelta:
    """Return how long the trash keeps an item: `days`, else API_TRASH_DAYS."""
    return timedelta(days=settings.TRASH_DAYS if days is None else days)


def purge_at(deleted_at: datetime) -> datetime:
    """Return when an item trashed at `deleted_at` becomes due for `purge_trash`, which deletes it at its next run.

    The purge takes items trashed *more* than the retention ago, so the item is kept up to this moment.
    """
    return deleted_at + retention()


def purge_trash(*, days: int | None = None, now=None) -> int:
    """Delete items trashed more than `days` (API_TRASH_DAYS) ago, with their history; return how many.

    A batch per transaction, so a large purge never holds long locks; running it twice (or two at once) is safe.
    """
    cutoff = (now or timezone.now()) - retention(days)
    purged = 0
    while True:
        with transaction.atomic():
            ids = list(
                Item.all_objects.trashed().filter(deleted_at__lt=cutoff).values_list("pk", flat=True)[:_PURGE_BATCH]
            )
            if not ids:
                return purged
            batch = Item.all_objects.trashed().filter(pk__in=ids, deleted_at__lt=cutoff)
            forget(batch)
            deleted, _ = batch.delete()
            purged += deleted
