"""An FTS5 trigram index for `?search=` on SQLite, where this SQLite has FTS5 and its trigram tokenizer (3.34+).

SQLite cannot serve `LIKE '%word%'` from an index, so each search read every item of the user, twice (the count
and the page). An FTS5 table with the trigram tokenizer finds any substring of three or more characters, in any
letter case, from an index. It is an external-content table: it holds the index only, its rowid the item's id, and
the triggers below keep it exact whatever writes the items (API, import SQL, bulk actions, admin, purge). Elsewhere
the migration skips it (and says so), and the search answers the same with LIKE. No-op on PostgreSQL (0006).
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger("stockroom.migrations")
# inventory.filters.SEARCH_TABLE names it; change both together.
_INDEX, _TABLE = "inventory_item_text", "inventory_item"
_FIELDS = "name, sku, description"


def _add(row: str) -> str:
    return f"INSERT INTO {_INDEX} (rowid, {_FIELDS}) VALUES ({row}.id, {row}.name, {row}.sku, {row}.description);"


def _remove(row: str) -> str:
    # The 'delete' command must be given exactly the values indexed for the row, or the index is corrupted: OLD's.
    return (
        f"INSERT INTO {_INDEX} ({_INDEX}, rowid, {_FIELDS}) "
        f"VALUES ('delete', {row}.id, {row}.name, {row}.sku, {row}.description);"
    )


_CHANGED = " OR ".join(f"OLD.{field} IS NOT NEW.{field}" for field in ("id", "name", "sku", "description"))
_TRIGGERS = [
    f"CREATE TRIGGER {_INDEX}_insert AFTER INSERT ON {_TABLE} BEGIN {_add('NEW')} END",
    f"CREATE TRIGGER {_INDEX}_delete AFTER DELETE ON {_TABLE} BEGIN {_remove('OLD')} END",
    # Only when a searched text changes: saving a quantity rewrites every column, and need not touch the index.
    f"CREATE TRIGGER {_INDEX}_update AFTER UPDATE OF id, {_FIELDS} ON {_TABLE} WHEN {_CHANGED} "
    f"BEGIN {_remove('OLD')} {_add('NEW')} END",
]


def create(apps, schema_editor):
    """Create the index table where FTS5's trigram tokenizer exists, then its triggers, then index every item."""
    if schema_editor.connection.vendor != "sqlite":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):  # a savepoint: the migration goes on after it
            schema_editor.execute(
                f"CREATE VIRTUAL TABLE {_INDEX} USING fts5({_FIELDS}, "
                f"content='{_TABLE}', content_rowid='id', tokenize='trigram')"
            )
    except DatabaseError as error:
        message = f"FTS5's trigram tokenizer is not available ({str(error).strip()}); item search runs with LIKE."
        logger.warning(message)
        print(f"\n  {message}")  # noqa: T201 - migrate's own output is where an operator looks
        return
    for trigger in _TRIGGERS:
        schema_editor.execute(trigger)
    schema_editor.execute(f"INSERT INTO {_INDEX} ({_INDEX}) VALUES ('rebuild')")


def drop(apps, schema_editor):
    """Drop the triggers and the index table (the items stay as they are)."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for kind in ("insert", "delete", "update"):  # common/filters.py INDEX_TRIGGERS
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {_INDEX}_{kind}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("inventory", "0008_history_source_admin")]

    operations = [migrations.RunPython(create, drop)]
