"""Trigram indexes for `?search=` on PostgreSQL, where the pg_trgm extension can be had.

On PostgreSQL each search word is one `LIKE '%WORD%'` on the item's searched fields joined in one upper-case text
(`SearchText` in inventory/filters.py), which no B-tree can serve; a GIN index of that expression's trigrams can,
every word of a search in one index scan. They are not in the models' Meta: they exist only on PostgreSQL, and only
where `CREATE EXTENSION pg_trgm` is allowed or the extension is there already. Elsewhere the migration skips them
(and says so), and the search answers the same, by reading the user's rows.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger("stockroom.migrations")
_INDEX = "inventory_item_search"
# Exactly the SQL of inventory.filters.SearchText("name", "sku", "description").
_EXPRESSION = "UPPER(name || chr(31) || sku || chr(31) || description)"


def create(apps, schema_editor):
    """Create the extension if allowed, then the partial GIN index of the searched text (live items only)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):  # a savepoint: the migration goes on after it
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        message = f"pg_trgm is not available ({str(error).strip()}); item search runs without trigram indexes."
        logger.warning(message)
        print(f"\n  {message}")  # noqa: T201 - migrate's own output is where an operator looks
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {_INDEX} ON inventory_item "
        f"USING gin (({_EXPRESSION}) gin_trgm_ops) WHERE deleted_at IS NULL"
    )


def drop(apps, schema_editor):
    """Drop the index (the extension stays: other things may use it)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("inventory", "0005_stock_summary")]

    operations = [migrations.RunPython(create, drop)]
