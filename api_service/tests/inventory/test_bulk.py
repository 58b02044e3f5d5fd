"""Bulk actions: one transaction over the caller's items, all or nothing, versions respected."""

import pytest

from common.exceptions import PreconditionFailed
from common.models import IdempotencyKey
from inventory.bulk import items_bulk_apply
from inventory.models import Item
from tests.conftest import race

URL = "/api/v1/items/bulk/"


def bulk(client, **body):
    return client.post(URL, body, format="json")


@pytest.fixture
def three(user, make_item):
    return [make_item(user, f"Item {n}", quantity=5) for n in range(3)]


def ids_of(items):
    return [item.id for item in items]


def test_delete_removes_every_listed_item(auth_client, three):
    response = bulk(auth_client, action="delete", ids=ids_of(three))
    assert response.status_code == 200
    assert response.json() == {
        "action": "delete",
        "count": 3,
        "items": [{"id": item.id, "version": 1} for item in three],
    }
    assert not Item.objects.exists()


def test_set_category_moves_items_and_bumps_each_version_once(auth_client, user, three, make_category):
    tools = make_category(user, "Tools")
    response = bulk(auth_client, action="set_category", ids=ids_of(three), category=tools.id)
    assert response.status_code == 200
    assert [entry["version"] for entry in response.json()["items"]] == [2, 2, 2]
    assert set(Item.objects.values_list("category_id", "version")) == {(tools.id, 2)}


def test_set_category_null_takes_items_out_of_their_category(auth_client, user, make_item, make_category):
    item = make_item(user, category=make_category(user))
    assert bulk(auth_client, action="set_category", ids=[item.id], category=None).status_code == 200
    item.refresh_from_db()
    assert (item.category_id, item.version) == (None, 2)


def test_set_category_leaves_items_already_there_unchanged(auth_client, user, make_item, make_category):
    tools = make_category(user)
    there, elsewhere = make_item(user, "There", category=tools), make_item(user, "Elsewhere")
    response = bulk(auth_client, action="set_category", ids=[there.id, elsewhere.id], category=tools.id)
    assert response.json()["items"] == [{"id": there.id, "version": 1}, {"id": elsewhere.id, "version": 2}]
    assert response.json()["count"] == 2


def test_adjust_quantity_adds_delta_to_each_item(auth_client, three):
    response = bulk(auth_client, action="adjust_quantity", ids=ids_of(three), delta=-2)
    assert response.status_code == 200
    assert set(Item.objects.values_list("quantity", "version")) == {(3, 2)}


def test_stock_below_zero_is_400_naming_each_item_and_changes_nothing(auth_client, user, make_item):
    hammer = make_item(user, "Claw hammer", quantity=2)
    saw = make_item(user, "Saw", quantity=10)
    response = bulk(auth_client, action="adjust_quantity", ids=[saw.id, hammer.id], delta=-3)
    assert response.status_code == 400
    assert response.json() == {"delta": [f"Not enough stock: Claw hammer (#{hammer.id}) has 2."]}
    assert sorted(Item.objects.values_list("quantity", "version")) == [(2, 1), (10, 1)]


def test_stock_above_the_maximum_is_400(auth_client, user, make_item):
    item = make_item(user, quantity=2_147_483_000)
    response = bulk(auth_client, action="adjust_quantity", ids=[item.id], delta=1000)
    assert response.status_code == 400
    assert "Too much stock" in response.json()["delta"][0]


def test_unknown_ids_are_400_naming_them_and_nothing_changes(auth_client, three):
    response = bulk(auth_client, action="delete", ids=[three[0].id, 999_998, 999_999])
    assert response.status_code == 400
    assert response.json() == {"ids": ["Not found: 999998, 999999"]}
    assert Item.objects.count() == 3


def test_another_users_ids_are_not_found_and_untouched(auth_client, other_user, make_item, three):
    theirs = make_item(other_user, "Theirs")
    response = bulk(auth_client, action="delete", ids=[*ids_of(three), theirs.id])
    assert response.status_code == 400
    assert response.json() == {"ids": [f"Not found: {theirs.id}"]}
    assert Item.objects.count() == 4


def test_another_users_category_is_400(auth_client, other_user, make_category, three):
    theirs = make_category(other_user, "Theirs")
    response = bulk(auth_client, action="set_category", ids=ids_of(three), category=theirs.id)
    assert response.status_code == 400
    assert "category" in response.json()
    assert not Item.objects.filter(category=theirs).exists()


def test_current_versions_apply(auth_client, three):
    versions = {str(item.id): 1 for item in three}
    response = bulk(auth_client, action="adjust_quantity", ids=ids_of(three), delta=1, versions=versions)
    assert response.status_code == 200


def test_a_stale_version_is_412_with_current_versions_and_nothing_changes(auth_client, three):
    Item.objects.filter(pk=three[1].pk).update(version=4)
    versions = {str(item.id): 1 for item in three}
    response = bulk(auth_client, action="adjust_quantity", ids=ids_of(three), delta=1, versions=versions)
    assert response.status_code == 412
    assert response.json()["current"] == {str(three[0].id): 1, str(three[1].id): 4, str(three[2].id): 1}
    assert set(Item.objects.values_list("quantity", flat=True)) == {5}


def test_a_stale_version_on_delete_deletes_nothing(auth_client, three):
    Item.objects.filter(pk=three[0].pk).update(version=2)
    response = bulk(auth_client, action="delete", ids=ids_of(three), versions={str(three[0].id): 1})
    assert response.status_code == 412
    assert Item.objects.count() == 3


def test_an_item_changed_between_the_read_and_the_write_is_412(user, three, monkeypatch):
    """The conditional UPDATE itself refuses rows whose version moved after they were read."""
    from inventory import bulk as module

    read = module._locked_rows

    def read_then_another_writer_saves(owner, ids):
        rows = read(owner, ids)
        Item.objects.filter(pk=three[2].pk).update(version=9)
        return rows

    monkeypatch.setattr(module, "_locked_rows", read_then_another_writer_saves)
    with pytest.raises(PreconditionFailed):
        items_bulk_apply(owner=user, action="adjust_quantity", ids=ids_of(three), versions={}, delta=1)
    # The simulated writer ran inside the bulk's transaction, so it was rolled back with it.
    assert set(Item.objects.values_list("quantity", "version")) == {(5, 1)}


def test_versions_for_ids_not_listed_are_400(auth_client, three):
    response = bulk(auth_client, action="delete", ids=[three[0].id], versions={str(three[1].id): 1})
    assert response.status_code == 400
    assert response.json() == {"versions": [f"Not among ids: {three[1].id}."]}


def test_more_than_1000_ids_is_400(auth_client, db):
    response = bulk(auth_client, action="delete", ids=list(range(1, 1002)))
    assert response.status_code == 400
    assert response.json() == {"ids": ["At most 1000 ids per call."]}


def test_1000_ids_are_accepted(auth_client, user):
    items = Item.objects.bulk_create(Item(owner=user, name=f"i{n}") for n in range(1000))
    response = bulk(auth_client, action="adjust_quantity", ids=ids_of(items), delta=1)
    assert (response.status_code, response.json()["count"]) == (200, 1000)
    assert set(Item.objects.values_list("quantity", "version")) == {(1, 2)}


def test_repeated_ids_count_once(auth_client, three):
    response = bulk(auth_client, action="adjust_quantity", ids=[three[0].id] * 3 + [three[1].id], delta=1)
    assert response.json()["count"] == 2
    assert sorted(Item.objects.values_list("quantity", flat=True)) == [5, 6, 6]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"action": "explode", "ids": [1]}, "action"),
        ({"action": "delete", "ids": []}, "ids"),
        ({"action": "delete", "ids": ["x"]}, "ids"),
        ({"action": "delete", "ids": [2**63]}, "ids"),
        ({"action": "set_category", "ids": [1]}, "category"),
        ({"action": "adjust_quantity", "ids": [1]}, "delta"),
        ({"action": "adjust_quantity", "ids": [1], "delta": 0}, "delta"),
        ({"action": "delete", "ids": [1], "versions": {"one": 1}}, "versions"),
    ],
)
def test_malformed_requests_are_400_naming_the_field(auth_client, db, body, field):
    response = auth_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_a_bad_id_is_named_by_its_position_in_the_list(auth_client, db):
    response = auth_client.post(URL, {"action": "delete", "ids": [3, 0]}, format="json")
    assert response.json() == {"ids": {"1": ["Ensure this value is greater than or equal to 1."]}}


def test_the_same_idempotency_key_replays_and_applies_once(auth_client, three):
    body = {"action": "adjust_quantity", "ids": ids_of(three), "delta": 1}
    first = auth_client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="bulk-1")
    second = auth_client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="bulk-1")
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert set(Item.objects.values_list("quantity", flat=True)) == {6}


def test_the_same_idempotency_key_with_another_body_is_422(auth_client, three):
    auth_client.post(URL, {"action": "delete", "ids": [three[0].id]}, format="json", HTTP_IDEMPOTENCY_KEY="k")
    response = auth_client.post(
        URL, {"action": "delete", "ids": [three[1].id]}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert response.status_code == 422
    assert Item.objects.count() == 2


def test_a_refused_bulk_action_leaves_no_idempotency_key(auth_client, three):
    auth_client.post(URL, {"action": "delete", "ids": [999_999]}, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert not IdempotencyKey.objects.exists()


def test_bulk_needs_a_token(api_client, db):
    assert api_client.post(URL, {"action": "delete", "ids": [1]}, format="json").status_code == 401


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_bulk_adjustments_never_take_stock_below_zero(make_user, make_item):
    owner = make_user("racer")
    items = [make_item(owner, f"r{n}", quantity=1) for n in range(5)]

    def adjust(n):
        return items_bulk_apply(owner=owner, action="adjust_quantity", ids=ids_of(items), versions={}, delta=-1)

    outcomes = race(adjust, 6)
    # One applies; the others wait for its lock, then find no stock: 400 naming the items.
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["ValidationError"] * 5 + ["list"]
    assert set(Item.objects.values_list("quantity", "version")) == {(0, 2)}
