"""Bulk actions on a user's items: one transaction that changes every listed item, or none of them.

Each kind of write (delete, that is move to the trash; move to a category; adjust the stock) happens in one function
below, which also records its history (source `bulk`) in the same transaction.
"""

from django.db import transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from common.concurrency import VersionMismatch
from common.exceptions import PreconditionFailed
from inventory.history import Action, Source, record
from inventory.models import MAX_QUANTITY, Category, Item

MAX_IDS = 1000
ACTIONS = ("delete", "set_category", "adjust_quantity")


def items_bulk_apply(
    *, owner, action: str, ids: list[int], versions: dict[int, int], category: Category | None = None, delta: int = 0
) -> list[dict]:
    """Apply `action` to the owner's items `ids` all or nothing; return each item's `{"id", "version"}` after it.

    Raises a 400 for ids that are not the owner's items or stock that would go below zero, and a 412 with the
    current versions when `versions` names one that is not current or an item changes while this runs.
    """
    try:
        with transaction.atomic():
            rows = _locked_rows(owner, ids)
            missing = [pk for pk in ids if pk not in rows]
            if missing:
                raise ValidationError({"ids": [f"Not found: {', '.join(map(str, missing))}"]})
            if any(rows[pk]["version"] != version for pk, version in versions.items()):
                raise VersionMismatch
            if action == "delete":
                changed = _trash(owner=owner, rows=rows)
            elif action == "set_category":
                changed = _set_category(owner=owner, rows=rows, category=category)
            else:
                changed = _adjust_quantity(owner=owner, rows=rows, delta=delta)
    except VersionMismatch:
        raise _stale(owner, ids) from None
    bump = 0 if action == "delete" else 1
    return [{"id": pk, "version": rows[pk]["version"] + (bump if pk in changed else 0)} for pk in ids]


def _locked_rows(owner, ids) -> dict[int, dict]:
    """Read (and on PostgreSQL lock until the transaction ends) the owner's rows among `ids`."""
    rows = Item.objects.select_for_update(of=("self",)).filter(owner=owner, pk__in=ids)
    fields = ("id", "version", "name", "quantity", "category_id", "category__name")
    return {row["id"]: row for row in rows.values(*fields)}


def _unchanged(owner, rows: dict[int, dict], ids):
    """Return `ids` as a queryset that matches only while each row still has the version it was read with.

    Rows are locked on PostgreSQL already; the condition keeps the write honest wherever they are not.
    """
    still = Case(*(When(pk=pk, then=Value(rows[pk]["version"])) for pk in ids), output_field=IntegerField())
    return Item.objects.filter(owner=owner, pk__in=ids, version=still)


def _write(owner, rows, ids, changes: dict[int, list[dict]], **fields) -> set[int]:
    """Update `ids` with `fields`, bumping each version, and record it; VersionMismatch if any changed meanwhile."""
    if not ids:
        return set()
    now = timezone.now()
    updated = _unchanged(owner, rows, ids).update(**fields, version=F("version") + 1, updated_at=now)
    if updated != len(ids):
        raise VersionMismatch
    record(ids=ids, action=Action.UPDATED, source=Source.BULK, user=owner, changes=changes, when=now)
    return set(ids)


def _trash(*, owner, rows) -> set[int]:
    """Move every listed item to the trash."""
    now = timezone.now()
    if _unchanged(owner, rows, list(rows)).update(deleted_at=now) != len(rows):
        raise VersionMismatch
    record(ids=list(rows), action=Action.DELETED, source=Source.BULK, user=owner, when=now)
    return set(rows)


def _set_category(*, owner, rows, category: Category | None) -> set[int]:
    """File every listed item under `category` (None: no category); items already there are left as they are."""
    category_id = category.pk if category is not None else None
    moving = [pk for pk, row in rows.items() if row["category_id"] != category_id]
    new_name = category.name if category is not None else None
    changes = {pk: [{"field": "category", "old": rows[pk]["category__name"], "new": new_name}] for pk in moving}
    return _write(owner, rows, moving, changes, category=category)


def _adjust_quantity(*, owner, rows, delta: int) -> set[int]:
    """Add `delta` to every listed item's quantity; refuse (400, naming them) stock below zero or above the maximum."""
    short = [
        f"Not enough stock: {r['name']} (#{r['id']}) has {r['quantity']}."
        for r in _sorted(rows)
        if r["quantity"] + delta < 0
    ]
    over = [
        f"Too much stock: {r['name']} (#{r['id']}) has {r['quantity']}; the most an item can hold is {MAX_QUANTITY}."
        for r in _sorted(rows)
        if r["quantity"] + delta > MAX_QUANTITY
    ]
    if short or over:
        raise ValidationError({"delta": short + over})
    changes = {
        pk: [{"field": "quantity", "old": row["quantity"], "new": row["quantity"] + delta}] for pk, row in rows.items()
    }
    return _write(owner, rows, list(rows), changes, quantity=F("quantity") + delta)


def _sorted(rows: dict[int, dict]) -> list[dict]:
    return [rows[pk] for pk in sorted(rows)]


def _stale(owner, ids) -> PreconditionFailed:
    """Build the 412 that carries the current version of every listed item that still exists."""
    current = dict(Item.objects.filter(owner=owner, pk__in=ids).values_list("id", "version"))
    return PreconditionFailed(
        detail="Some of these items were changed since you loaded them; check them and try again.",
        current={str(pk): current[pk] for pk in ids if pk in current},
    )
