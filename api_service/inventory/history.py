"""Recording items' history: one entry per item per change, with who made it, through what, and what changed.

Each service that writes items calls `record` after its write, inside the same transaction, so a change and its
entry commit (or roll back) together.
"""

import json

from django.db import connection
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
    ids: list[int],
    action: str,
    source: str,
    user,
    changes: dict[int, list[dict]] | None = None,
    when=None,
) -> None:
    """Write an entry for each of the items `ids` (in or out of the trash), copying each row as it is now.

    One `INSERT … SELECT` per batch: the database copies the rows, so no item passes through Python (an import of
    50,000 rows spent most of its history's cost building instances before).
    """
    changes = changes or {}
    when = HistoricalItem._meta.get_field("history_date").get_db_prep_save(when or timezone.now(), connection)
    fixed = [when, _TYPES[action], user.pk if user is not None else None, action, source]
    for start in range(0, len(ids), _WRITE_BATCH):
        batch = ids[start : start + _WRITE_BATCH]
        listed = [value for pk in batch for value in (pk, json.dumps(changes.get(pk, [])))]
        with connection.cursor() as cursor:
            cursor.execute(_copy_rows_sql(len(batch)), [*fixed, *listed])


def _copy_rows_sql(count: int) -> str:
    """Return `INSERT INTO history (…) SELECT item columns, the entry's own values FROM item JOIN (VALUES …)`."""
    quote = connection.ops.quote_name
    copied = [quote(field.column) for field in HistoricalItem.tracked_fields]
    own = ["history_date", "history_type", "history_user_id", "action", "source"]
    json_type = HistoricalItem._meta.get_field("changes").db_type(connection)
    id_type = Item._meta.pk.cast_db_type(connection)
    # VALUES columns are column1, column2 on both databases (as in inventory/imports.py), typed explicitly.
    rows = ", ".join([f"(CAST(%s AS {id_type}), %s)"] * count)
    return (
        f"INSERT INTO {quote(HistoricalItem._meta.db_table)} "
        f"({', '.join(copied + [quote(name) for name in own] + [quote('changes')])}) "
        f"SELECT {', '.join(f'i.{column}' for column in copied)}, {', '.join(['%s'] * len(own))}, "
        f"CAST(v.column2 AS {json_type}) "
        f"FROM {quote(Item._meta.db_table)} AS i JOIN (VALUES {rows}) AS v ON i.{quote('id')} = v.column1"
    )


def forget(items) -> None:
    """Delete the history of `items` (a queryset of items, in or out of the trash) as they are deleted for good."""
    HistoricalItem.objects.filter(id__in=items.values("pk")).delete()
