"""History: every change to an item is an entry saying when, who, what happened, through what, and what changed."""

from decimal import Decimal

import pytest

from inventory.models import HistoricalItem, Item

ITEMS = "/api/v1/items/"
TRASH = "/api/v1/items/trash/"
WEB = {"HTTP_X_CHANGE_SOURCE": "web", "HTTP_X_CLIENT_KEY": "client-key"}


@pytest.fixture(autouse=True)
def _trusted_client_key(settings):
    settings.TRUSTED_CLIENT_KEY = "client-key"


def entries(client, item_id=None, trashed=False):
    if item_id is None:
        url = "/api/v1/history/"
    else:
        url = f"{TRASH if trashed else ITEMS}{item_id}/history/"
    response = client.get(url)
    assert response.status_code == 200
    return response.json()["results"]


def create(client, **headers):
    body = {"name": "Claw hammer", "sku": "HAM-1", "price": "12.50", "quantity": 3}
    response = client.post(ITEMS, body, format="json", **headers)
    assert response.status_code == 201
    return response.json()


def test_creating_an_item_records_who_created_it_through_the_api(auth_client, user):
    item = create(auth_client)
    [entry] = entries(auth_client, item["id"])
    assert entry["action"] == "created"
    assert entry["source"] == "api"
    assert entry["user"] == user.username
    assert entry["changes"] == []
    assert entry["item"] == {"id": item["id"], "name": "Claw hammer"}
    assert entry["when"].endswith("Z")


def test_the_trusted_web_client_is_recorded_as_web(auth_client):
    item = create(auth_client, **WEB)
    assert entries(auth_client, item["id"])[0]["source"] == "web"


def test_the_web_header_without_the_client_key_is_recorded_as_api(auth_client):
    item = create(auth_client, HTTP_X_CHANGE_SOURCE="web", HTTP_X_CLIENT_KEY="guessed")
    assert entries(auth_client, item["id"])[0]["source"] == "api"


def test_an_update_records_each_changed_field_with_its_old_and_new_value(auth_client, user, make_category):
    tools = make_category(user, "Tools")
    item = create(auth_client)
    body = {"price": "13.00", "category": tools.id, "name": "Claw hammer"}
    assert auth_client.patch(f"{ITEMS}{item['id']}/", body, format="json", **WEB).status_code == 200
    latest = entries(auth_client, item["id"])[0]
    assert (latest["action"], latest["source"]) == ("updated", "web")
    assert latest["changes"] == [
        {"field": "category", "old": None, "new": "Tools"},
        {"field": "price", "old": "12.50", "new": "13.00"},
    ]


def test_delete_and_restore_are_recorded_and_read_from_the_trash_too(auth_client):
    item = create(auth_client)
    auth_client.delete(f"{ITEMS}{item['id']}/", **WEB)
    assert [e["action"] for e in entries(auth_client, item["id"], trashed=True)] == ["deleted", "created"]
    assert auth_client.get(f"{ITEMS}{item['id']}/history/").status_code == 404
    auth_client.post(f"{TRASH}{item['id']}/restore/")
    history = entries(auth_client, item["id"])
    assert [(e["action"], e["source"]) for e in history] == [
        ("restored", "api"),
        ("deleted", "web"),
        ("created", "api"),
    ]


def test_bulk_actions_are_recorded_as_bulk_with_their_changes(auth_client, user, make_category):
    tools = make_category(user, "Tools")
    item = create(auth_client)
    bulk = f"{ITEMS}bulk/"
    auth_client.post(bulk, {"action": "adjust_quantity", "ids": [item["id"]], "delta": -2}, format="json")
    auth_client.post(bulk, {"action": "set_category", "ids": [item["id"]], "category": tools.id}, format="json")
    auth_client.post(bulk, {"action": "delete", "ids": [item["id"]]}, format="json")
    auth_client.post(f"{TRASH}restore/", {"ids": [item["id"]]}, format="json")
    history = entries(auth_client, item["id"])
    assert [(e["action"], e["source"], e["changes"]) for e in history[:4]] == [
        ("restored", "bulk", []),
        ("deleted", "bulk", []),
        ("updated", "bulk", [{"field": "category", "old": None, "new": "Tools"}]),
        ("updated", "bulk", [{"field": "quantity", "old": 3, "new": 1}]),
    ]


def test_an_import_records_creates_and_updates_as_import(auth_client, user, make_item):
    make_item(user, "Saw", sku="SAW-1", price=Decimal("20.00"))
    csv_text = "sku,name,price\r\nSAW-1,Saw,21.00\r\nLEV-1,Level,5.00\r\n"
    report = auth_client.generic("POST", f"{ITEMS}imports/", csv_text.encode(), content_type="text/csv").json()
    assert auth_client.post(f"{ITEMS}imports/{report['id']}/commit/").status_code == 200
    by_name = {(e["item"]["name"], e["action"]): e for e in entries(auth_client) if e["source"] == "import"}
    assert by_name[("Saw", "updated")]["changes"] == [{"field": "price", "old": "20.00", "new": "21.00"}]
    assert by_name[("Level", "created")]["user"] == user.username


def test_the_callers_history_is_newest_first_and_only_theirs(auth_client, other_client):
    first = create(auth_client)
    auth_client.patch(f"{ITEMS}{first['id']}/", {"quantity": 9}, format="json")
    other_client.post(ITEMS, {"name": "Theirs"}, format="json")
    history = entries(auth_client)
    assert [(e["action"], e["item"]["name"]) for e in history] == [
        ("updated", "Claw hammer"),
        ("created", "Claw hammer"),
    ]


def test_another_users_item_history_is_not_found(auth_client, other_client):
    item = create(auth_client)
    assert other_client.get(f"{ITEMS}{item['id']}/history/").status_code == 404


def test_history_is_paginated(auth_client):
    item = create(auth_client)
    for quantity in range(4):
        auth_client.patch(f"{ITEMS}{item['id']}/", {"quantity": quantity}, format="json")
    page = auth_client.get(f"{ITEMS}{item['id']}/history/?page_size=2").json()
    assert page["count"] == 5
    assert len(page["results"]) == 2
    assert page["next"] is not None


def test_a_failed_write_records_nothing(auth_client):
    item = create(auth_client)
    response = auth_client.patch(f"{ITEMS}{item['id']}/", {"quantity": 5}, format="json", HTTP_IF_MATCH='"7"')
    assert response.status_code == 412
    assert HistoricalItem.objects.count() == 1


def test_account_deletion_deletes_its_history(auth_client, user):
    from tests.conftest import PASSWORD

    create(auth_client)
    assert auth_client.delete("/api/v1/auth/me/", {"password": PASSWORD}, format="json").status_code == 204
    assert not HistoricalItem.objects.exists()
    assert not Item.all_objects.exists()
