"""The items filter's categories are kept in the session for a minute, and dropped when the user changes one."""

import time

import pytest

from inventory import category_choices
from tests.api_payloads import category, page
from tests.conftest import api_url

CATEGORIES = page([category()])
NO_ITEMS = {"count": 0, "next": None, "previous": None, "results": []}


def category_calls(api) -> int:
    return sum(1 for call in api.calls if "/categories/" in call.request.url and call.request.method == "GET")


@pytest.fixture
def items_and_categories(api):
    api.get(api_url("items/"), json=NO_ITEMS)
    api.get(api_url("categories/"), json=CATEGORIES)


def test_the_items_list_asks_the_api_for_categories_once_per_minute(logged_in_client, api, items_and_categories):
    for _ in range(3):
        assert 'value="2"' in logged_in_client.get("/items/").content.decode()
    assert category_calls(api) == 1


def test_the_saved_categories_are_fetched_again_after_a_minute(
    logged_in_client, api, items_and_categories, monkeypatch
):
    logged_in_client.get("/items/")
    later = time.time() + category_choices.MAX_AGE + 1
    monkeypatch.setattr(category_choices.time, "time", lambda: later)
    logged_in_client.get("/items/")
    assert category_calls(api) == 2


def test_creating_a_category_in_the_client_shows_it_in_the_filter_at_once(logged_in_client, api, items_and_categories):
    logged_in_client.get("/items/")
    api.post(api_url("categories/"), json=category(id=3, name="Garden", item_count=0), status=201)
    logged_in_client.post("/categories/new/", {"name": "Garden", "description": "", "idempotency_key": "k" * 32})
    logged_in_client.get("/items/")
    assert category_calls(api) == 2


def test_a_category_unknown_to_the_saved_list_is_checked_with_the_api(logged_in_client, api, items_and_categories):
    logged_in_client.get("/items/")
    renamed = page([category(id=9, name="New", item_count=0)])
    api.replace("GET", api_url("categories/"), json=renamed)
    response = logged_in_client.get("/items/?category=9")
    assert response.status_code == 200
    assert category_calls(api) == 2
    assert api.calls[-1].request.params["category"] == "9"
