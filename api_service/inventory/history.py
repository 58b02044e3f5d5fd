"""Recording items' history: one entry per item per change, with who made it, through what, and what changed.

Each service that writes items calls one of these after its write, inside the same transaction, so a change and its
entry commit (or roll back) together. Entries are built in memory and inserted a batch at a time.
"""

from collections.abc import Iterable

from django.utils import timezone

from common.end_user import from_trusted_client
from inventory.history_records import ItemChange
from inventory.models import HistoricalItem, Item  # HistoricalItem: built by simple-history as the models load

Action = ItemChange.Action
Source = ItemChange.Source
_WRITE_BATCH = 500
_TYPES = {Action.CREATED: "+", Action.UPDATED: "~", Action.RESTORED: "~", Action.DELETED: "-"}
# Item fields an entry shows changes of, in the order they are listed.
SHOWN_FIELDS = ["name", "sku", "description", "category", "quantity", "price", "reorder_level"]


def snapshot_fields() -> list[str]:
    """Return the item columns an entry copies."""
    return [field.attname for field in HistoricalItem.tracked_fields]


def request_source(request) -> str:
    """Return `web` when the trusted web client says the change is its user's, else `api`."""
    # Anyone can send the header; like X-Forwarded-For it counts only with the web client's key.
    said_web = request.headers.get("X-Change-Source", "").strip().lower() == Source.WEB
    return Source.WEB if said_web and from_trusted_client(request) else Source.API


def shown(values: dict) -> dict:
    """Return an item's fields as a history entry shows them: the category by name, the price with two places."""
    return {
        **{name: values[name] for name in SHOWN_FIELDS if name not in ("category", "price")},
        "category": values["category_name"],
        "price": f"{values['price']:.2f}",
    }


def changes_between(old: dict, new: dict) -> list[dict]:
    """Return `[{"field", "old", "new"}]` for each shown field that differs between two `shown()` dicts."""
    return [{"field": name, "old": old[name], "new": new[name]} for name in SHOWN_FIELDS if old[name] != new[name]]


def shown_item(item: Item) -> dict:
    """Return `shown()` of a model instance (its category loaded with it)."""
    values = {name: getattr(item, name) for name in SHOWN_FIELDS if name != "category"}
    return shown({**values, "category_name": item.category.name if item.category_id else None})


def record(
    *,
    items: Iterable,
    action: str,
    source: str,
    user,
    changes: dict[int, list[dict]] | None = None,
    when=None,
) -> None:
    """Write an entry for each item (model instances, or dicts with every snapshot field by column name)."""
    model, fields = HistoricalItem, snapshot_fields()
    when = when or timezone.now()
    changes = changes or {}
    entries = []
    for item in items:
        values = item if isinstance(item, dict) else {name: getattr(item, name) for name in fields}
        entries.append(
            model(
                history_date=when,
                history_type=_TYPES[action],
                history_user=user,
                action=action,
                source=source,
                changes=changes.get(values["id"], []),
                **{name: values[name] for name in fields},
            )
        )
        if len(entries) == _WRITE_BATCH:
            model.objects.bulk_create(entries)
            entries = []
    model.objects.bulk_create(entries)


def record_by_id(*, ids: list[int], action: str, source: str, user, changes=None, when=None) -> None:
    """Read the items `ids` as they are now (in or out of the trash) and write an entry for each."""
    fields = snapshot_fields()
    for start in range(0, len(ids), _WRITE_BATCH):
        rows = Item.all_objects.filter(pk__in=ids[start : start + _WRITE_BATCH]).values(*fields)
        record(items=list(rows), action=action, source=source, user=user, changes=changes, when=when)


def forget(items) -> None:
    """Delete the history of `items` (a queryset of items, in or out of the trash) as they are deleted for good."""
    HistoricalItem.objects.filter(id__in=items.values("pk")).delete()
