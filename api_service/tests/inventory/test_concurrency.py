"""ETag and If-Match: versions decided in the database, stale writes refused with 412."""

import pytest

from common.concurrency import VersionMismatch, update_versioned
from inventory.models import Category, Item
from inventory.serializers import ItemSerializer
from tests.conftest import race

URL = "/api/v1/items/"


def test_detail_get_carries_the_etag(auth_client, user, make_item):
    item = make_item(user)
    assert auth_client.get(f"{URL}{item.id}/")["ETag"] == '"1"'


def test_matching_if_match_applies_and_bumps_version_by_one(auth_client, user, make_item):
    item = make_item(user)
    response = auth_client.patch(f"{URL}{item.id}/", {"name": "New"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200
    assert (response.json()["version"], response["ETag"]) == (2, '"2"')


@pytest.mark.parametrize("header", ["1", 'W/"1"', "*", '"7", "1"'])
def test_if_match_forms_that_match(auth_client, user, make_item, header):
    item = make_item(user)
    assert auth_client.patch(f"{URL}{item.id}/", {"name": "N"}, format="json", HTTP_IF_MATCH=header).status_code == 200


def test_stale_if_match_is_412_and_changes_nothing(auth_client, user, make_item):
    item = make_item(user, "Old")
    auth_client.patch(f"{URL}{item.id}/", {"name": "Second"}, format="json")
    response = auth_client.put(f"{URL}{item.id}/", {"name": "Stale"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 412
    assert response.json()["current"]["name"] == "Second"
    assert response["ETag"] == '"2"'
    item.refresh_from_db()
    assert (item.name, item.version) == ("Second", 2)


@pytest.mark.parametrize("header", ['"abc"', "garbage", ""])
def test_unparseable_if_match_is_400_and_changes_nothing(auth_client, user, make_item, header):
    item = make_item(user)
    response = auth_client.patch(f"{URL}{item.id}/", {"name": "N"}, format="json", HTTP_IF_MATCH=header)
    assert response.status_code == 400
    assert "If-Match" in response.json()
    item.refresh_from_db()
    assert item.version == 1


def test_write_without_if_match_applies(auth_client, user, make_item):
    item = make_item(user)
    assert auth_client.patch(f"{URL}{item.id}/", {"name": "N"}, format="json").json()["version"] == 2


def test_stale_if_match_on_delete_is_412_and_deletes_nothing(auth_client, user, make_item):
    item = make_item(user)
    Item.objects.filter(pk=item.pk).update(version=3)
    assert auth_client.delete(f"{URL}{item.id}/", HTTP_IF_MATCH='"1"').status_code == 412
    assert Item.objects.filter(pk=item.pk).exists()


def test_category_update_is_versioned_too(auth_client, user, make_category):
    category = make_category(user)
    response = auth_client.patch(
        f"/api/v1/categories/{category.id}/", {"name": "X"}, format="json", HTTP_IF_MATCH='"9"'
    )
    assert response.status_code == 412


def test_two_updates_from_the_same_version_exactly_one_wins(user, make_item):
    item = make_item(user)
    update_versioned(instance=item, fields={"name": "first"}, expected_versions={1})
    with pytest.raises(VersionMismatch):
        update_versioned(instance=item, fields={"name": "second"}, expected_versions={1})
    item.refresh_from_db()
    assert (item.name, item.version) == ("first", 2)


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_from_the_same_version_exactly_one_wins(make_user, make_item):
    item = make_item(make_user("racer"))

    def writer(n):
        update_versioned(instance=item, fields={"name": f"w{n}"}, expected_versions={1})
        return "won"

    outcomes = race(writer, 8)
    assert sorted(outcome if outcome == "won" else type(outcome).__name__ for outcome in outcomes) == [
        *["VersionMismatch"] * 7,
        "won",
    ]
    item.refresh_from_db()
    assert item.version == 2


def test_put_with_matching_if_match_applies(auth_client, user, make_item):
    item = make_item(user)
    response = auth_client.put(f"{URL}{item.id}/", {"name": "Saw"}, format="json", HTTP_IF_MATCH='"1"')
    assert (response.status_code, response.json()["version"]) == (200, 2)


@pytest.mark.parametrize("header", ['"1"', "*"])
def test_delete_with_matching_if_match_is_204(auth_client, user, make_item, header):
    item = make_item(user)
    assert auth_client.delete(f"{URL}{item.id}/", HTTP_IF_MATCH=header).status_code == 204
    assert not Item.objects.filter(pk=item.pk).exists()


def test_stale_if_match_on_category_delete_is_412_and_deletes_nothing(auth_client, user, make_category):
    category = make_category(user)
    response = auth_client.delete(f"/api/v1/categories/{category.id}/", HTTP_IF_MATCH='"2"')
    assert response.status_code == 412
    assert response.json()["current"]["id"] == category.id
    assert Category.objects.filter(pk=category.pk).exists()


def test_write_that_loses_a_race_after_the_if_match_check_is_412(auth_client, user, make_item, monkeypatch):
    item = make_item(user, "Mine")

    def another_writer_saves_meanwhile(serializer, value):
        Item.objects.filter(pk=item.pk).update(name="Theirs", version=2)
        return value

    monkeypatch.setattr(ItemSerializer, "validate_name", another_writer_saves_meanwhile, raising=False)
    response = auth_client.patch(f"{URL}{item.id}/", {"name": "Late"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 412
    assert (response.json()["current"]["name"], response["ETag"]) == ("Theirs", '"2"')
    item.refresh_from_db()
    assert (item.name, item.version) == ("Theirs", 2)


def test_each_update_increments_the_version_by_exactly_one(auth_client, user, make_item):
    item = make_item(user)
    versions = [
        auth_client.patch(f"{URL}{item.id}/", {"quantity": n}, format="json").json()["version"] for n in range(3)
    ]
    assert versions == [2, 3, 4]


def test_stale_if_match_on_a_non_empty_category_delete_is_412(auth_client, user, make_category, make_item):
    category = make_category(user)
    make_item(user, category=category)
    response = auth_client.delete(f"/api/v1/categories/{category.id}/", HTTP_IF_MATCH='"5"')
    assert response.status_code == 412
    assert Category.objects.filter(pk=category.pk).exists()
