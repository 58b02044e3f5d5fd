"""Item search through SQLite's FTS5 trigram index (migration 0009): the answers LIKE gave, kept exact by triggers
whatever writes the items, and LIKE again where the index is missing. On PostgreSQL the same answers through its own
path; the index's own checks run on SQLite only."""

import importlib
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from common import filters
from inventory.filters import SEARCH_TABLE
from inventory.models import Item
from inventory.trash import purge_trash
from tests.inventory.admin_forms import change_item, item_form

ITEMS = "/api/v1/items/"
migration = importlib.import_module("inventory.migrations.0009_search_fts5_trigram")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")


@pytest.fixture
def hammer(user, make_item):
    make_item(user, "Hand saw", sku="SAW-22", description="Fine teeth")  # what a search must leave out
    return make_item(user, "Claw hammer", sku="HAM-1", description="Forged steel head")


def found(client, search: str) -> list[str]:
    response = client.get(ITEMS, {"search": search})
    assert response.status_code == 200, response.content
    return sorted(row["name"] for row in response.json()["results"])


def assert_index_exact() -> None:
    """On SQLite, FTS5's check that the index holds exactly the items table's text (it raises otherwise)."""
    if filters.has_sqlite_index(SEARCH_TABLE):
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rank) VALUES ('integrity-check', 1)")


@pytest.fixture
def without_index(monkeypatch):
    """Search as where FTS5's trigram tokenizer is missing (the migration skipped the table)."""
    monkeypatch.setattr(filters, "has_sqlite_index", lambda table: False)


@pytest.mark.parametrize("search", ["law", "hammer", "HAM-1", "am-", "orged", "steel head"])
def test_search_finds_a_substring_of_the_name_sku_or_description(auth_client, hammer, search):
    assert found(auth_client, search) == ["Claw hammer"]


@pytest.mark.parametrize("search", ["CLAW", "cLaW HaMmEr", "ham-1", "FORGED STEEL"])
def test_search_ignores_ascii_letter_case(auth_client, hammer, search):
    assert found(auth_client, search) == ["Claw hammer"]


def test_every_word_must_be_found_each_in_some_field(auth_client, hammer):
    assert found(auth_client, "claw ham-1 steel") == ["Claw hammer"]
    assert found(auth_client, "claw teeth") == []


def test_a_quoted_phrase_is_one_substring(auth_client, hammer):
    assert found(auth_client, '"claw hammer"') == ["Claw hammer"]
    assert found(auth_client, '"hammer claw"') == []


@pytest.mark.parametrize(("search", "expected"), [("h", 2), ("22", 1), ("aw", 2), ("claw 1", 1), ("saw e", 1)])
def test_words_of_one_or_two_characters_still_match_alone_or_beside_longer_ones(auth_client, hammer, search, expected):
    assert len(found(auth_client, search)) == expected


@pytest.mark.parametrize(
    ("name", "search"),
    [
        ("Bolt M8*20", "m8*20"),
        ("Tee (1/2) pipe", "(1/2)"),
        ("Caulk ^white^", "^white"),
        ("Label name:value", "name:value"),
        ("Rope AND twine", "rope AND"),
        ("Hooks OR nails", "hooks or"),
        ("Paint NOT oil", "not"),
        ("Washer NEAR-proof +5", "near-proof +5"),
        ('Tape 2" wide', "'2\" wide'"),
    ],
)
def test_fts5_syntax_in_a_word_is_literal_text(auth_client, user, make_item, hammer, name, search):
    make_item(user, name)
    assert found(auth_client, search) == [name]


@pytest.mark.parametrize(
    "search",
    ['"', '""', '"""', "a*", "*ham", "^claw", "claw:", "(claw", "AND", "OR NOT", "NEAR(claw saw)", "-+-", '"ab'],
)
def test_fts5_syntax_answers_200_and_what_like_answers(auth_client, hammer, monkeypatch, search):
    indexed = found(auth_client, search)
    monkeypatch.setattr(filters, "has_sqlite_index", lambda table: False)
    assert indexed == found(auth_client, search)


def test_non_ascii_letters_match_in_either_case(auth_client, user, make_item, hammer):
    # LIKE on SQLite folds ASCII letters only; the trigram index (and PostgreSQL's UPPER) folds É and é too.
    make_item(user, "Écrou à oreilles")
    assert found(auth_client, "écrou") == ["Écrou à oreilles"]
    assert found(auth_client, "'ÉCROU À OREILLES'") == ["Écrou à oreilles"]


@sqlite_only
def test_search_on_sqlite_reads_the_index_with_one_look_at_the_schema_version(auth_client, hammer):
    found(auth_client, "claw")  # the first search of the process looks the index's table and triggers up
    with CaptureQueriesContext(connection) as plain:
        auth_client.get(ITEMS)
    with CaptureQueriesContext(connection) as searched:
        assert found(auth_client, "claw ham") == ["Claw hammer"]
    assert len(searched) == len(plain) + 1
    assert "PRAGMA schema_version" in [query["sql"] for query in searched.captured_queries]
    assert not any("sqlite_master" in query["sql"] for query in searched.captured_queries)
    statements = [query["sql"] for query in searched.captured_queries if "inventory_item" in query["sql"]]
    assert statements and all(f"{SEARCH_TABLE} MATCH" in sql and "LIKE" not in sql for sql in statements)


def test_without_the_index_search_answers_by_like(auth_client, hammer, without_index):
    with CaptureQueriesContext(connection) as queries:
        assert found(auth_client, "claw ham-1 e") == ["Claw hammer"]
    assert not any("MATCH" in query["sql"] for query in queries.captured_queries)


def test_a_created_item_is_found(auth_client, hammer):
    assert auth_client.post(ITEMS, {"name": "Mallet", "sku": "MAL-9"}, format="json").status_code == 201
    assert found(auth_client, "mal-9") == ["Mallet"]
    assert_index_exact()


@pytest.mark.parametrize(
    ("field", "old", "new"),
    [("name", "claw", "Sledge"), ("sku", "ham-1", "SLG-7"), ("description", "forged", "Cast iron")],
)
def test_an_update_is_found_by_its_new_text_and_no_longer_by_the_old(auth_client, hammer, field, old, new):
    item = Item.objects.get(sku="HAM-1")
    assert auth_client.patch(f"{ITEMS}{item.pk}/", {field: new}, format="json").status_code == 200
    assert found(auth_client, old) == []
    assert found(auth_client, new) == [Item.objects.get(pk=item.pk).name]
    assert_index_exact()


def test_an_update_of_other_fields_keeps_the_item_found(auth_client, hammer):
    item = Item.objects.get(sku="HAM-1")
    assert auth_client.patch(f"{ITEMS}{item.pk}/", {"quantity": 7}, format="json").status_code == 200
    assert found(auth_client, "claw") == ["Claw hammer"]
    assert_index_exact()


def test_a_trashed_item_is_not_found_and_a_restored_one_is_again(auth_client, hammer):
    item = Item.objects.get(sku="HAM-1")
    assert auth_client.delete(f"{ITEMS}{item.pk}/").status_code == 204
    assert found(auth_client, "claw") == []
    assert auth_client.post(f"{ITEMS}trash/{item.pk}/restore/").status_code == 200
    assert found(auth_client, "claw") == ["Claw hammer"]
    assert_index_exact()


def test_an_item_deleted_for_good_leaves_the_index(auth_client, hammer):
    item = Item.objects.get(sku="HAM-1")
    auth_client.delete(f"{ITEMS}{item.pk}/")
    assert auth_client.delete(f"{ITEMS}trash/{item.pk}/").status_code == 204
    assert found(auth_client, "claw") == []
    assert_index_exact()


def test_the_purge_takes_old_deletions_out_of_the_index(auth_client, hammer):
    Item.objects.filter(sku="HAM-1").update(deleted_at=timezone.now() - timedelta(days=31))
    assert purge_trash(days=30) == 1
    assert found(auth_client, "claw") == []
    assert_index_exact()


def test_bulk_actions_keep_the_index(auth_client, hammer):
    ids = list(Item.objects.values_list("pk", flat=True))
    body = {"action": "adjust_quantity", "ids": ids, "delta": 2}
    assert auth_client.post(f"{ITEMS}bulk/", body, format="json").status_code == 200
    assert found(auth_client, "claw") == ["Claw hammer"]
    assert auth_client.post(f"{ITEMS}bulk/", {"action": "delete", "ids": ids}, format="json").status_code == 200
    assert found(auth_client, "claw") == []
    assert_index_exact()


def test_a_csv_import_is_found_by_its_new_text_and_no_longer_by_the_old(auth_client, hammer):
    csv = "sku,name,description,category,quantity,price\r\nHAM-1,Ball-peen hammer,,,1,1.00\r\nNEW-5,Level,,,2,3.00\r\n"
    report = auth_client.generic("POST", f"{ITEMS}imports/", csv.encode(), content_type="text/csv").json()
    assert auth_client.post(f"{ITEMS}imports/{report['id']}/commit/").status_code == 200
    assert found(auth_client, "claw") == []
    assert found(auth_client, "ball-peen") == ["Ball-peen hammer"]
    assert found(auth_client, "new-5") == ["Level"]
    assert_index_exact()


def test_admin_writes_keep_the_index(admin_client, auth_client, user, hammer):
    item = Item.objects.get(sku="HAM-1")
    assert change_item(admin_client, item, name="Framing hammer").status_code == 302
    new = Item(owner=user, name="Mallet", price=Decimal("5.00"))
    assert admin_client.post("/admin/inventory/item/add/", item_form(new, loaded_version="")).status_code == 302
    assert found(auth_client, "claw") == []
    assert found(auth_client, "hammer mer") == ["Framing hammer"]
    assert found(auth_client, "mallet") == ["Mallet"]
    assert_index_exact()


class Editor:
    """The little of a schema editor the migration uses, on the test's connection and transaction."""

    connection = connection

    def __init__(self, *, fts5: bool = True):
        self.fts5 = fts5

    def execute(self, sql: str) -> None:
        if not self.fts5 and "USING fts5" in sql:
            raise OperationalError("no such module: fts5")
        with connection.cursor() as cursor:
            cursor.execute(sql)


@sqlite_only
def test_the_items_table_keeps_every_trigger_its_migrations_made(db):
    # Django remakes a SQLite table for some column changes, dropping its triggers (the stock totals of 0005, the
    # search index of 0009): this says so if a migration ever does.
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'inventory_item'")
        triggers = {name for (name,) in cursor.fetchall()}
    assert triggers == {
        *(f"inventory_stock_summary_{kind}" for kind in ("insert", "update_old", "update_new", "delete")),
        *(f"{SEARCH_TABLE}_{kind}" for kind in filters.INDEX_TRIGGERS),
    }
    assert filters.has_sqlite_index(SEARCH_TABLE)


@sqlite_only
def test_an_index_that_lost_a_trigger_while_the_api_served_is_not_used(auth_client, hammer):
    assert filters.has_sqlite_index(SEARCH_TABLE)  # looked for, and found, before the trigger goes
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {SEARCH_TABLE}_update")
    assert not filters.has_sqlite_index(SEARCH_TABLE)
    Item.objects.filter(pk=hammer.pk).update(name="Sledge")  # the index, no longer kept, still says "Claw hammer"
    assert found(auth_client, "sledge") == ["Sledge"]
    assert found(auth_client, "claw") == []


@sqlite_only
def test_the_migration_reverses_and_builds_the_index_from_the_items(auth_client, hammer):
    migration.drop(None, Editor())
    assert not filters.has_sqlite_index(SEARCH_TABLE)
    migration.create(None, Editor())
    assert filters.has_sqlite_index(SEARCH_TABLE)  # seen at the next search, without a restart
    assert found(auth_client, "claw") == ["Claw hammer"]
    assert_index_exact()


@sqlite_only
def test_the_migration_skips_the_index_without_fts5_and_search_answers_by_like(auth_client, hammer, capsys):
    migration.drop(None, Editor())
    migration.create(None, Editor(fts5=False))
    assert "item search runs with LIKE" in capsys.readouterr().out
    assert not filters.has_sqlite_index(SEARCH_TABLE)
    assert auth_client.post(ITEMS, {"name": "Mallet"}, format="json").status_code == 201  # no trigger to fail
    assert found(auth_client, "claw ham-1") == ["Claw hammer"]
    assert found(auth_client, "mallet") == ["Mallet"]
