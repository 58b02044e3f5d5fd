"""Category pages, including the refusal to delete a category that still has items."""

import json

from tests.conftest import api_url

CATEGORY = {
    "id": 2,
    "name": "Tools",
    "description": "Hand tools",
    "item_count": 3,
    "version": 1,
    "created_at": "2026-01-01T00:00:00Z",
    "updated_at": "2026-01-01T00:00:00Z",
}


def test_list_shows_item_counts(logged_in_client, api):
    api.get(api_url("categories/"), json={"count": 1, "next": None, "previous": None, "results": [CATEGORY]})
    html = logged_in_client.get("/categories/").content.decode()
    assert '<a href="/categories/2/">Tools</a>' in html
    assert '<td class="number">3</td>' in html


def test_empty_state(logged_in_client, api):
    api.get(api_url("categories/"), json={"count": 0, "next": None, "previous": None, "results": []})
    assert "No categories found." in logged_in_client.get("/categories/").content.decode()


def test_create_category(logged_in_client, api):
    api.post(api_url("categories/"), status=201, json=CATEGORY)
    response = logged_in_client.post("/categories/new/", {"name": "Tools", "description": "Hand tools"})
    assert json.loads(api.calls[0].request.body) == {"name": "Tools", "description": "Hand tools"}
    assert response["Location"] == "/categories/2/"


def test_duplicate_name_error_shows_beside_name(logged_in_client, api):
    api.post(api_url("categories/"), status=400, json={"name": ["You already have a category with this name."]})
    response = logged_in_client.post("/categories/new/", {"name": "Tools", "description": "kept"})
    assert response.context["form"].errors["name"] == ["You already have a category with this name."]
    assert "kept" in response.content.decode()


def test_deleting_a_category_with_items_shows_the_apis_message_and_deletes_nothing(logged_in_client, api):
    api.get(api_url("categories/2/"), json=CATEGORY)
    api.delete(
        api_url("categories/2/"),
        status=409,
        json={"detail": "This category still has 3 items. Move or delete them first."},
    )
    response = logged_in_client.post("/categories/2/delete/", {"version": "1"}, follow=True)
    assert "This category still has 3 items." in response.content.decode()
    assert response.redirect_chain[-1][0] == "/categories/2/"


def test_deleting_an_empty_category(logged_in_client, api):
    api.get(api_url("categories/2/"), json={**CATEGORY, "item_count": 0})
    api.delete(api_url("categories/2/"), status=204)
    api.get(api_url("categories/"), json={"count": 0, "next": None, "previous": None, "results": []})
    response = logged_in_client.post("/categories/2/delete/", {"version": "1"}, follow=True)
    assert "Category “Tools” deleted." in response.content.decode()
