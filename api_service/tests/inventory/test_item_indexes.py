"""The items table's indexes: exactly the documented set, and on PostgreSQL each one used by the query it is kept for.

Every index costs each write of an item, so none stays without a query that needs it; the measurements behind the
set are in docs/performance.md, "Indexes of the items table".
"""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inventory.models import Item
from inventory.trash import purge_trash
from tests.conftest import PASSWORD

# Each index, and the query it serves (inventory/models.py says the same beside each one).
INDEXES = {
    "item_owner_name": "?ordering=name, the list's default order",
    "item_owner_price": "?ordering=price, ?min_price= and ?max_price=",
    "item_owner_quantity": "?ordering=quantity, ?in_stock=",
    "item_owner_created": "?ordering=created_at",
    "item_owner_updated": "?ordering=updated_at",
    "item_owner_id": "keyset (?cursor=) pages and their bound; on SQLite, a user's item count",
    "item_category_owner": "the categories' item counts, ?category=; deleting a category or an account",
    "item_owner_trashed": "the trash, newest deletion first; the purge of old deletions",
    "item_owner_low_stock": "the dashboard's low-stock list",
    "item_unique_live_sku_per_owner": "one live item per SKU; the import's and the restore's SKU lookups",
}
# Migration 0006's GIN trigram index for ?search=, on PostgreSQL where pg_trgm could be had.
SEARCH_INDEX = "inventory_item_search"
ITEMS = "/api/v1/items/"


def index_names() -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Item._meta.db_table)
    return {name for name, constraint in constraints.items() if constraint["index"] and not constraint["primary_key"]}


def trigram_search_installed() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def test_the_items_table_has_exactly_the_documented_indexes(db):
    expected = set(INDEXES) | ({SEARCH_INDEX} if trigram_search_installed() else set())
    assert index_names() == expected


def indexes_used(statements) -> set[str]:
    """Return the indexes in PostgreSQL's plans of these statements, sequential scans ruled out."""
    used = set()
    with connection.cursor() as cursor:
        # A test's 2,000 rows are still read fastest in one pass; ruling that out asks which index can serve.
        cursor.execute("SET LOCAL enable_seqscan = off")
        for sql in statements:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
            nodes = [(json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]]
            while nodes:
                node = nodes.pop()
                used.add(node.get("Index Name"))
                nodes.extend(node.get("Plans", []))
    return used - {None}


def item_statements(work) -> list[str]:
    """Run `work()` and return the statements it sent that read or write the items table."""
    with CaptureQueriesContext(connection) as queries:
        work()
    return [
        query["sql"]
        for query in queries.captured_queries
        if '"inventory_item"' in query["sql"] and query["sql"].lstrip().startswith(("SELECT", "UPDATE", "DELETE"))
    ]


def test_the_sku_check_of_a_create_uses_the_unique_sku_index(auth_client, stock):
    statements = item_statements(lambda: auth_client.post(ITEMS, {"name": "Anvil", "sku": "A-1"}, format="json"))
    checks = [sql for sql in statements if sql.startswith("SELECT") and "A-1" in sql]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            plans = [" ".join(str(row[-1]) for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}")) for sql in checks]
            used = {name for plan in plans for name in re.findall(r"USING (?:COVERING )?INDEX (\w+)", plan)}
        else:
            used = indexes_used(checks)
    assert checks and used == {"item_unique_live_sku_per_owner"}


@pytest.fixture
def stock(user, other_user, make_category):
    """Give the user 2,000 items (a few in a category, in the trash, low on stock or priced high) and another user
    some, and let PostgreSQL's planner know: its choices on a handful of rows say nothing about real data."""
    tools = make_category(user, "Tools")
    long_ago = timezone.now() - timedelta(days=40)
    Item.objects.bulk_create(
        Item(
            owner=user,
            name=f"Item {n}",
            sku=f"SKU-{n}",
            quantity=n % 500,
            reorder_level=2,
            price=Decimal(n % 1000),
            category=tools if n % 50 == 0 else None,
            deleted_at=long_ago if n % 50 == 1 else None,
        )
        for n in range(2000)
    )
    Item.objects.bulk_create(Item(owner=other_user, name=f"Not yours {n}", sku=f"SKU-{n}") for n in range(200))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE inventory_item")
    return tools


@pytest.mark.postgresql
@pytest.mark.parametrize(
    ("index", "path"),
    [
        ("item_owner_name", ITEMS),
        ("item_owner_name", f"{ITEMS}?ordering=-name"),
        ("item_owner_price", f"{ITEMS}?ordering=price"),
        ("item_owner_price", f"{ITEMS}?min_price=990"),
        ("item_owner_quantity", f"{ITEMS}?ordering=-quantity"),
        ("item_owner_quantity", f"{ITEMS}?in_stock=false"),
        ("item_owner_created", f"{ITEMS}?ordering=created_at"),
        ("item_owner_updated", f"{ITEMS}?ordering=-updated_at"),
        ("item_category_owner", "/api/v1/categories/"),
        ("item_category_owner", f"{ITEMS}?category={{category}}"),
        ("item_owner_trashed", f"{ITEMS}trash/"),
        ("item_owner_low_stock", "/api/v1/stats/"),
    ],
)
def test_each_listing_is_served_by_its_index(auth_client, stock, index, path):
    statements = item_statements(lambda: auth_client.get(path.format(category=stock.pk)))
    assert index in indexes_used(statements)


@pytest.mark.postgresql
def test_keyset_pages_of_a_user_with_few_of_the_rows_use_the_owner_index(other_client, stock):
    # The user with most of the rows is served as well by the primary key, read in order, skipping the few others.
    statements = item_statements(lambda: other_client.get(f"{ITEMS}?cursor="))
    assert "item_owner_id" in indexes_used(statements)


@pytest.mark.postgresql
def test_the_imports_sku_lookup_uses_the_unique_sku_index(auth_client, stock):
    csv = "sku,name,description,category,quantity,price\r\nSKU-7,Item 7,,,9,1.00\r\n"
    statements = item_statements(lambda: auth_client.generic("POST", f"{ITEMS}imports/", csv, content_type="text/csv"))
    assert "item_unique_live_sku_per_owner" in indexes_used(statements)


@pytest.mark.postgresql
def test_deleting_an_account_finds_its_items_through_the_category_index(other_client, stock):
    # Read whole, for its owner column: rare enough not to be worth an index of its own on every write.
    statements = item_statements(lambda: other_client.delete("/api/v1/auth/me/", {"password": PASSWORD}, format="json"))
    assert "item_category_owner" in indexes_used(statements)


@pytest.mark.postgresql
def test_deleting_a_category_finds_its_items_through_the_category_index(auth_client, stock):
    Item.all_objects.filter(category=stock).update(category=None)  # an empty category can be deleted
    statements = item_statements(lambda: auth_client.delete(f"/api/v1/categories/{stock.pk}/"))
    assert "item_category_owner" in indexes_used(statements)


@pytest.mark.postgresql
def test_the_purge_finds_old_deletions_through_the_trash_index(stock):
    statements = item_statements(lambda: purge_trash(days=30))
    assert "item_owner_trashed" in indexes_used(statements)


@pytest.mark.postgresql
@pytest.mark.parametrize("column", ["owner_id", "category_id"])
def test_the_databases_foreign_key_checks_read_the_category_index(stock, column):
    # What PostgreSQL runs for each deleted user or category, to find rows still pointing at it.
    check = f"SELECT 1 FROM ONLY inventory_item x WHERE {column} = 1 FOR KEY SHARE OF x"
    assert indexes_used([check]) == {"item_category_owner"}
