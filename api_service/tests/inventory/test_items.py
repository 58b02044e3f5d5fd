"""Item CRUD and validation."""

import pytest

from inventory.models import Item
from inventory.serializers import ItemSerializer

URL = "/api/v1/items/"


def test_create_item_returns_201_with_defaults(auth_client):
    response = auth_client.post(URL, {"name": "Hammer"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["quantity"], body["price"], body["category"], body["category_name"], body["sku"]) == (
        0,
        "0.00",
        None,
        None,
        "",
    )
    assert body["version"] == 1


def test_item_shows_its_category_name(auth_client, user, make_category):
    category = make_category(user, "Tools")
    body = auth_client.post(URL, {"name": "Hammer", "category": category.id}, format="json").json()
    assert (body["category"], body["category_name"]) == (category.id, "Tools")


def test_a_create_answers_the_item_exactly_as_its_detail_shows_it(auth_client, user, make_category):
    tools = make_category(user, "Tools")
    body = {
        "name": "Hammer",
        "sku": "HAM-1",
        "category": tools.id,
        "quantity": 4,
        "price": "9.9",
        "description": "Claw",
    }
    created = auth_client.post(URL, body, format="json")
    shown = auth_client.get(f"{URL}{created.json()['id']}/")
    assert created.content == shown.content
    assert (created.json()["price"], created["ETag"]) == ("9.90", shown["ETag"])


def test_foreign_category_id_is_400(auth_client, other_user, make_category):
    foreign = make_category(other_user)
    response = auth_client.post(URL, {"name": "Hammer", "category": foreign.id}, format="json")
    assert response.status_code == 400
    assert "category" in response.json()


def test_client_sent_id_owner_version_timestamps_are_ignored(auth_client, user, other_user):
    body = {"name": "Hammer", "id": 999, "owner": other_user.id, "version": 42, "created_at": "2000-01-01T00:00:00Z"}
    created = auth_client.post(URL, body, format="json").json()
    item = Item.objects.get(pk=created["id"])
    assert (item.pk != 999, item.owner_id, item.version, item.created_at.year > 2000) == (True, user.id, 1, True)


def test_update_ignores_client_sent_version(auth_client, user, make_item):
    item = make_item(user)
    body = auth_client.patch(f"{URL}{item.id}/", {"version": 99, "name": "New"}, format="json").json()
    assert (body["name"], body["version"]) == ("New", 2)


def test_duplicate_sku_is_400(auth_client, user, make_item):
    make_item(user, sku="A-1")
    response = auth_client.post(URL, {"name": "Other", "sku": "A-1"}, format="json")
    assert response.status_code == 400
    assert "sku" in response.json()


def test_blank_skus_may_repeat(auth_client, user, make_item):
    make_item(user, sku="")
    assert auth_client.post(URL, {"name": "Other", "sku": ""}, format="json").status_code == 201


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "ok", "sku": "s" * 65}, "sku"),
        ({"name": "ok", "description": "d" * 5001}, "description"),
        ({"name": "ok", "quantity": -1}, "quantity"),
        ({"name": "ok", "quantity": 2_147_483_648}, "quantity"),
        ({"name": "ok", "quantity": "many"}, "quantity"),
        ({"name": "ok", "price": "-0.01"}, "price"),
        ({"name": "ok", "price": "100000000.00"}, "price"),
        ({"name": "ok", "price": "1.234"}, "price"),
        ({"name": "ok", "price": "1" * 40}, "price"),
        ({"name": "ok", "price": "NaN"}, "price"),
        ({"name": "ok", "category": 2**70}, "category"),
        ({"name": "ok", "category": "abc"}, "category"),
    ],
)
def test_invalid_item_is_400_naming_the_field(auth_client, body, field):
    response = auth_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_price_at_the_maximum_is_accepted(auth_client):
    response = auth_client.post(URL, {"name": "ok", "price": "99999999.99", "quantity": 2_147_483_647}, format="json")
    assert response.status_code == 201
    assert response.json()["price"] == "99999999.99"


def test_put_replaces_the_item(auth_client, user, make_item):
    item = make_item(user, sku="A-1", quantity=5)
    body = auth_client.put(f"{URL}{item.id}/", {"name": "Saw"}, format="json").json()
    assert (body["name"], body["quantity"]) == ("Saw", 0)


def test_delete_item_is_204(auth_client, user, make_item):
    item = make_item(user)
    assert auth_client.delete(f"{URL}{item.id}/").status_code == 204
    assert not Item.objects.filter(pk=item.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_unauthenticated_is_401(api_client, method):
    assert getattr(api_client, method)(URL).status_code == 401


def test_patch_response_includes_a_null_category_name(auth_client, user, make_item):
    item = make_item(user)
    body = auth_client.patch(f"{URL}{item.id}/", {"quantity": 2}, format="json").json()
    assert body["category_name"] is None


def test_sku_taken_between_validation_and_save_is_400_naming_the_field(auth_client, user, make_item, monkeypatch):
    make_item(user, sku="A-1")
    first_check = iter([True])
    validate_sku = ItemSerializer.validate_sku

    def blind_first_check(serializer, value):
        # The first check runs before the competing row exists, as when two requests race.
        return value if next(first_check, False) else validate_sku(serializer, value)

    monkeypatch.setattr(ItemSerializer, "validate_sku", blind_first_check)
    response = auth_client.post(URL, {"name": "Other", "sku": "A-1"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"sku": ["You already have an item with this SKU."]}
    assert Item.objects.filter(owner=user).count() == 1


def test_item_response_has_exactly_the_contract_fields(auth_client, user, make_item):
    item = make_item(user)
    assert set(auth_client.get(f"{URL}{item.id}/").json()) == {
        "id",
        "name",
        "sku",
        "description",
        "category",
        "category_name",
        "quantity",
        "price",
        "reorder_level",
        "version",
        "created_at",
        "updated_at",
    }


def test_list_filters_do_not_apply_to_a_single_item(auth_client, user, make_item):
    item = make_item(user, name="Hammer", quantity=0)
    response = auth_client.get(f"{URL}{item.pk}/?search=saw&in_stock=true&ordering=-price")
    assert response.status_code == 200
    assert response.json()["name"] == "Hammer"


def test_a_non_numeric_id_is_404(auth_client):
    assert auth_client.get(f"{URL}abc/").status_code == 404
