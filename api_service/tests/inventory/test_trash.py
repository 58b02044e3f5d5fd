"""The trash: a deleted item vanishes everywhere but keeps its data, comes back on restore, and goes for good later."""

import csv
import io
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from inventory.models import HistoricalItem, Item
from inventory.trash import purge_trash

ITEMS = "/api/v1/items/"
TRASH = "/api/v1/items/trash/"


@pytest.fixture
def hammer(user, make_item):
    return make_item(user, "Claw hammer", sku="HAM-1", quantity=3)


def trash(client, item):
    response = client.delete(f"{ITEMS}{item.id}/")
    assert response.status_code == 204
    return response


def test_deleting_an_item_keeps_it_in_the_trash_with_when_it_was_deleted(auth_client, hammer):
    trash(auth_client, hammer)
    stored = Item.all_objects.get(pk=hammer.pk)
    assert stored.deleted_at is not None
    assert (stored.name, stored.sku, stored.quantity) == ("Claw hammer", "HAM-1", 3)


def test_a_trashed_item_is_not_found_at_its_address(auth_client, hammer):
    trash(auth_client, hammer)
    assert auth_client.get(f"{ITEMS}{hammer.id}/").status_code == 404
    assert auth_client.patch(f"{ITEMS}{hammer.id}/", {"name": "x"}, format="json").status_code == 404
    assert auth_client.delete(f"{ITEMS}{hammer.id}/").status_code == 404


def test_a_trashed_item_leaves_lists_filters_and_counts(auth_client, user, hammer, make_item, make_category):
    tools = make_category(user, "Tools")
    kept = make_item(user, "Saw", category=tools)
    gone = make_item(user, "Old saw", category=tools)
    trash(auth_client, gone)
    listing = auth_client.get(ITEMS).json()
    assert listing["count"] == 2
    assert {row["id"] for row in listing["results"]} == {hammer.id, kept.id}
    assert [row["id"] for row in auth_client.get(f"{ITEMS}?category={tools.id}").json()["results"]] == [kept.id]
    assert auth_client.get(f"{ITEMS}?search=old").json()["count"] == 0
    assert auth_client.get(f"/api/v1/categories/{tools.id}/").json()["item_count"] == 1


def test_a_trashed_item_is_left_out_of_the_export(auth_client, user, hammer, make_item):
    make_item(user, "Saw", sku="SAW-1")
    trash(auth_client, hammer)
    text = b"".join(auth_client.get(f"{ITEMS}export/").streaming_content).decode()
    assert [row[0] for row in csv.reader(io.StringIO(text))][1:] == ["SAW-1"]


def test_bulk_delete_moves_items_to_the_trash(auth_client, user, hammer, make_item):
    saw = make_item(user, "Saw")
    response = auth_client.post(f"{ITEMS}bulk/", {"action": "delete", "ids": [hammer.id, saw.id]}, format="json")
    assert response.status_code == 200
    assert not Item.objects.exists()
    assert Item.all_objects.trashed().count() == 2


def test_the_trash_lists_the_callers_deleted_items_newest_deletion_first(auth_client, user, other_user, make_item):
    first, second = make_item(user, "First"), make_item(user, "Second")
    make_item(user, "Live")
    theirs = make_item(other_user, "Theirs")
    Item.all_objects.filter(pk=theirs.pk).update(deleted_at=timezone.now())
    trash(auth_client, first)
    trash(auth_client, second)
    page = auth_client.get(TRASH).json()
    assert page["count"] == 2
    assert [row["name"] for row in page["results"]] == ["Second", "First"]
    assert page["results"][0]["deleted_at"].endswith("Z")
    assert page["results"][0]["price"] == "9.99"


def test_each_trashed_item_says_when_it_goes_for_good_the_trash_days_after_its_deletion(settings, auth_client, hammer):
    settings.TRASH_DAYS = 7
    trash(auth_client, hammer)
    row = auth_client.get(TRASH).json()["results"][0]
    deleted_at = datetime.fromisoformat(row["deleted_at"])
    assert datetime.fromisoformat(row["purge_at"]) == deleted_at + timedelta(days=7)
    assert row["purge_at"].endswith("Z")


def test_a_trashed_item_read_alone_says_when_it_goes_for_good_too(settings, auth_client, hammer):
    settings.TRASH_DAYS = 7
    trash(auth_client, hammer)
    row = auth_client.get(f"{TRASH}{hammer.id}/").json()
    assert datetime.fromisoformat(row["purge_at"]) == datetime.fromisoformat(row["deleted_at"]) + timedelta(days=7)


def test_the_trash_list_says_how_many_days_it_keeps_items(settings, auth_client, hammer):
    settings.TRASH_DAYS = 7
    trash(auth_client, hammer)
    page = auth_client.get(TRASH).json()
    assert list(page) == ["count", "next", "previous", "results", "retention_days"]
    assert page["retention_days"] == 7


def test_an_empty_trash_says_how_many_days_it_keeps_items_too(settings, auth_client, db):
    settings.TRASH_DAYS = 45
    assert auth_client.get(TRASH).json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
        "retention_days": 45,
    }


def test_the_purge_keeps_an_item_up_to_its_purge_at_and_deletes_it_just_after(settings, auth_client, hammer):
    settings.TRASH_DAYS = 7
    trash(auth_client, hammer)
    purge_at = datetime.fromisoformat(auth_client.get(TRASH).json()["results"][0]["purge_at"])
    assert purge_trash(now=purge_at) == 0
    assert purge_trash(now=purge_at + timedelta(microseconds=1)) == 1


def test_a_trashed_item_can_be_read_from_the_trash_but_a_live_one_cannot(auth_client, user, hammer, make_item):
    trash(auth_client, hammer)
    live = make_item(user, "Live")
    assert auth_client.get(f"{TRASH}{hammer.id}/").json()["name"] == "Claw hammer"
    assert auth_client.get(f"{TRASH}{live.id}/").status_code == 404


def test_another_users_trashed_item_is_not_found(auth_client, other_client, hammer):
    trash(auth_client, hammer)
    assert other_client.get(f"{TRASH}{hammer.id}/").status_code == 404
    assert other_client.post(f"{TRASH}{hammer.id}/restore/").status_code == 404
    assert other_client.delete(f"{TRASH}{hammer.id}/").status_code == 404
    assert Item.all_objects.filter(pk=hammer.pk).exists()


def test_restoring_brings_the_item_back_with_its_version_raised(auth_client, hammer):
    trash(auth_client, hammer)
    response = auth_client.post(f"{TRASH}{hammer.id}/restore/")
    assert response.status_code == 200
    assert response.json()["id"] == hammer.id
    assert response.json()["version"] == 2
    assert response["ETag"] == '"2"'
    assert auth_client.get(f"{ITEMS}{hammer.id}/").json()["quantity"] == 3
    assert auth_client.get(TRASH).json()["count"] == 0


def test_restoring_an_item_that_is_not_in_the_trash_is_not_found(auth_client, hammer):
    assert auth_client.post(f"{TRASH}{hammer.id}/restore/").status_code == 404


def test_a_trashed_items_sku_may_be_used_by_a_new_item(auth_client, hammer):
    trash(auth_client, hammer)
    response = auth_client.post(ITEMS, {"name": "New hammer", "sku": "HAM-1"}, format="json")
    assert response.status_code == 201


def test_restoring_an_item_whose_sku_was_taken_is_a_conflict_naming_it(auth_client, user, hammer, make_item):
    trash(auth_client, hammer)
    make_item(user, "New hammer", sku="HAM-1")
    response = auth_client.post(f"{TRASH}{hammer.id}/restore/")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Another item now has SKU 'HAM-1'. Change that item's SKU, then restore this one.",
        "sku": "HAM-1",
    }
    assert Item.all_objects.get(pk=hammer.pk).deleted_at is not None


def test_batch_restore_brings_back_every_listed_item(auth_client, user, hammer, make_item):
    saw = make_item(user, "Saw")
    auth_client.post(f"{ITEMS}bulk/", {"action": "delete", "ids": [hammer.id, saw.id]}, format="json")
    response = auth_client.post(f"{TRASH}restore/", {"ids": [saw.id, hammer.id]}, format="json")
    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "items": [{"id": saw.id, "version": 2}, {"id": hammer.id, "version": 2}],
    }
    assert Item.objects.count() == 2


def test_batch_restore_with_an_unknown_id_restores_nothing(auth_client, user, hammer, make_item):
    live = make_item(user, "Live")
    trash(auth_client, hammer)
    response = auth_client.post(f"{TRASH}restore/", {"ids": [hammer.id, live.id, 999999]}, format="json")
    assert response.status_code == 400
    assert response.json() == {"ids": [f"Not found: {live.id}, 999999"]}
    assert Item.all_objects.get(pk=hammer.pk).deleted_at is not None


def test_batch_restore_with_a_taken_sku_restores_nothing(auth_client, user, hammer, make_item):
    saw = make_item(user, "Saw", sku="SAW-1")
    auth_client.post(f"{ITEMS}bulk/", {"action": "delete", "ids": [hammer.id, saw.id]}, format="json")
    make_item(user, "New saw", sku="SAW-1")
    response = auth_client.post(f"{TRASH}restore/", {"ids": [hammer.id, saw.id]}, format="json")
    assert response.status_code == 409
    assert response.json()["ids"] == [saw.id]
    assert "SAW-1" in response.json()["detail"]
    assert Item.all_objects.trashed().count() == 2


def test_batch_restore_of_two_items_with_the_same_sku_is_a_conflict(auth_client, user, make_item):
    old = make_item(user, "Old", sku="X-1")
    trash(auth_client, old)
    new = make_item(user, "New", sku="X-1")
    trash(auth_client, new)
    response = auth_client.post(f"{TRASH}restore/", {"ids": [old.id, new.id]}, format="json")
    assert response.status_code == 409
    assert response.json()["ids"] == [new.id]


def test_batch_restore_refuses_more_than_a_thousand_ids(auth_client, db):
    response = auth_client.post(f"{TRASH}restore/", {"ids": list(range(1, 1002))}, format="json")
    assert response.status_code == 400
    assert response.json() == {"ids": ["At most 1000 ids per call."]}


def test_deleting_from_the_trash_deletes_the_item_and_its_history_for_good(auth_client, hammer):
    trash(auth_client, hammer)
    assert auth_client.delete(f"{TRASH}{hammer.id}/").status_code == 204
    assert not Item.all_objects.filter(pk=hammer.pk).exists()
    assert not HistoricalItem.objects.filter(id=hammer.pk).exists()


def test_a_live_item_cannot_be_deleted_for_good_through_the_trash(auth_client, hammer):
    assert auth_client.delete(f"{TRASH}{hammer.id}/").status_code == 404
    assert Item.objects.filter(pk=hammer.pk).exists()


def test_a_category_with_only_trashed_items_can_be_deleted_and_they_lose_it(
    auth_client, user, make_item, make_category
):
    tools = make_category(user, "Tools")
    hammer = make_item(user, "Hammer", category=tools)
    trash(auth_client, hammer)
    assert auth_client.delete(f"/api/v1/categories/{tools.id}/").status_code == 204
    assert Item.all_objects.get(pk=hammer.pk).category_id is None
    restored = auth_client.post(f"{TRASH}{hammer.id}/restore/").json()
    assert (restored["category"], restored["category_name"]) == (None, None)


def test_a_category_with_live_items_still_cannot_be_deleted(auth_client, user, make_item, make_category):
    tools = make_category(user, "Tools")
    make_item(user, "Hammer", category=tools)
    trash(auth_client, make_item(user, "Saw", category=tools))
    response = auth_client.delete(f"/api/v1/categories/{tools.id}/")
    assert response.status_code == 409
    assert response.json() == {"detail": "This category still has 1 item. Move or delete them first."}


def test_purge_deletes_items_trashed_longer_than_the_kept_days_only(user, make_item):
    now = timezone.now()
    old, recent, live = make_item(user, "Old"), make_item(user, "Recent"), make_item(user, "Live")
    Item.all_objects.filter(pk=old.pk).update(deleted_at=now - timedelta(days=31))
    Item.all_objects.filter(pk=recent.pk).update(deleted_at=now - timedelta(days=29))
    assert purge_trash(days=30) == 1
    assert set(Item.all_objects.values_list("name", flat=True)) == {"Recent", "Live"}
    assert purge_trash(days=30) == 0
    assert live.pk in set(Item.objects.values_list("pk", flat=True))


def test_purge_command_uses_the_trash_days_setting(settings, user, make_item):
    settings.TRASH_DAYS = 7
    item = make_item(user, "Old")
    Item.all_objects.filter(pk=item.pk).update(deleted_at=timezone.now() - timedelta(days=8))
    out = io.StringIO()
    call_command("purge_trash", stdout=out)
    assert out.getvalue().strip() == "Purged 1 item trashed more than 7 days ago."
    assert not Item.all_objects.exists()


def test_account_deletion_deletes_trashed_items_and_history_too(auth_client, user, hammer):
    from tests.conftest import PASSWORD

    trash(auth_client, hammer)
    response = auth_client.delete("/api/v1/auth/me/", {"password": PASSWORD}, format="json")
    assert response.status_code == 204
    assert not Item.all_objects.exists()
    assert not HistoricalItem.objects.exists()


def test_reorder_level_defaults_to_zero_and_is_editable(auth_client, db):
    created = auth_client.post(ITEMS, {"name": "Nails", "price": "1.00"}, format="json").json()
    assert created["reorder_level"] == 0
    changed = auth_client.patch(f"{ITEMS}{created['id']}/", {"reorder_level": 5}, format="json").json()
    assert changed["reorder_level"] == 5
    assert Item.objects.get().reorder_level == 5


def test_a_negative_reorder_level_is_refused(auth_client, db):
    response = auth_client.post(ITEMS, {"name": "Nails", "reorder_level": -1}, format="json")
    assert response.status_code == 400
    assert "reorder_level" in response.json()


def test_restored_items_price_is_kept(auth_client, user, make_item):
    item = make_item(user, "Level", price=Decimal("12.50"))
    trash(auth_client, item)
    assert auth_client.post(f"{TRASH}{item.id}/restore/").json()["price"] == "12.50"


@pytest.mark.parametrize(
    "path",
    [
        f"{TRASH}99999999999999999999/",
        f"{TRASH}99999999999999999999/history/",
        f"{ITEMS}99999999999999999999/history/",
    ],
)
def test_an_id_beyond_the_databases_range_is_not_found(auth_client, path):
    assert auth_client.get(path).status_code == 404
    assert auth_client.delete(f"{TRASH}99999999999999999999/").status_code == 404
    assert auth_client.post(f"{TRASH}99999999999999999999/restore/").status_code == 404
