"""Object-level authorization: another user's rows are not found, never shown, never changed."""

import pytest

from inventory.models import Category, Item


@pytest.fixture
def foreign(other_user, make_category, make_item):
    category = make_category(other_user, "Theirs")
    item = make_item(other_user, "Their item", category=category)
    return {"categories": category, "items": item}


@pytest.mark.parametrize("resource", ["categories", "items"])
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_another_users_object_is_404_and_unchanged(auth_client, foreign, resource, method):
    obj = foreign[resource]
    response = getattr(auth_client, method)(f"/api/v1/{resource}/{obj.id}/", {"name": "pwned"}, format="json")
    assert response.status_code == 404
    assert "Their" not in response.content.decode()
    obj.refresh_from_db()
    assert obj.name != "pwned"


@pytest.mark.parametrize("resource", ["categories", "items"])
def test_lists_never_include_other_users_rows(auth_client, foreign, resource):
    assert auth_client.get(f"/api/v1/{resource}/").json()["count"] == 0


def test_staff_see_only_their_own_rows_through_the_api(make_user, foreign):
    from tests.conftest import client_for

    staff = client_for(make_user("root", is_staff=True, is_superuser=True))
    assert staff.get("/api/v1/items/").json()["count"] == 0
    assert staff.get(f"/api/v1/items/{foreign['items'].id}/").status_code == 404


def test_filtering_by_a_foreign_category_shows_nothing(auth_client, foreign):
    assert auth_client.get(f"/api/v1/items/?category={foreign['categories'].id}").json()["count"] == 0


def test_moving_an_item_into_a_foreign_category_is_400(auth_client, user, make_item, foreign):
    item = make_item(user)
    response = auth_client.patch(f"/api/v1/items/{item.id}/", {"category": foreign["categories"].id}, format="json")
    assert response.status_code == 400
    assert Item.objects.get(pk=item.pk).category is None
    assert Category.objects.get(pk=foreign["categories"].id).items.count() == 1
