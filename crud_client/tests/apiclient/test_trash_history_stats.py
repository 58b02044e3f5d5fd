"""The trash, history and stats verbs send the agreed requests (CONTRACTS-14) and read the agreed shapes."""

import json

import pytest

from apiclient import ApiClient, ApiConflict
from tests.api_payloads import item, page, stats, trash_page, trashed_item
from tests.conftest import api_url

EMPTY_PAGE = {"count": 0, "next": None, "previous": None, "results": []}


def test_trash_lists_a_page_of_deleted_items(api):
    row = trashed_item()
    api.get(api_url("items/trash/"), json=trash_page([row], count=21))
    listed = ApiClient(token="t").trash.list(page=2)
    assert listed.results == [row] and (listed.page, listed.num_pages) == (2, 2)


def test_trash_list_carries_how_many_days_the_api_keeps_deleted_items(api):
    api.get(api_url("items/trash/"), json=trash_page([], retention_days=45))
    assert ApiClient(token="t").trash.list().retention_days == 45


@pytest.mark.outside_contract(reason="an API from before the trash list said how long it keeps items")
def test_trash_list_from_an_api_that_does_not_say_how_long_it_keeps_items_has_no_retention(api):
    api.get(api_url("items/trash/"), json=page([]))
    assert ApiClient(token="t").trash.list().retention_days is None


def test_restore_posts_to_the_items_restore_route_and_returns_the_item(api):
    api.post(api_url("items/trash/5/restore/"), json=item(version=3))
    assert ApiClient(token="t").trash.restore(5)["version"] == 3


def test_restore_of_an_item_whose_sku_is_taken_is_a_conflict_naming_the_sku(api):
    body = {"detail": "Another item now has SKU 'H-1'. Change that item's SKU, then restore this one.", "sku": "H-1"}
    api.post(api_url("items/trash/5/restore/"), status=409, json=body)
    with pytest.raises(ApiConflict) as caught:
        ApiClient(token="t").trash.restore(5)
    assert caught.value.detail == body["detail"] and caught.value.data["sku"] == "H-1"


def test_restore_many_posts_the_ids(api):
    api.post(api_url("items/trash/restore/"), json={"count": 2, "items": [{"id": 5, "version": 3}]})
    assert ApiClient(token="t").trash.restore_many([5, 6])["count"] == 2
    assert json.loads(api.calls[0].request.body) == {"ids": [5, 6]}


def test_delete_for_good_is_a_delete_on_the_trashed_item(api):
    api.delete(api_url("items/trash/5/"), status=204)
    ApiClient(token="t").trash.delete(5)
    assert api.calls[0].request.method == "DELETE"


def test_item_history_is_a_page_of_the_items_changes(api):
    api.get(api_url("items/5/history/"), json=EMPTY_PAGE)
    ApiClient(token="t").items.history(5, page_size=20)
    assert api.calls[0].request.params == {"page": "1", "page_size": "20"}


def test_trashed_item_history_has_its_own_route(api):
    api.get(api_url("items/trash/5/history/"), json=EMPTY_PAGE)
    ApiClient(token="t").trash.history(5)
    assert api.calls[0].request.url.startswith(api_url("items/trash/5/history/"))


def test_recent_changes_across_items(api):
    api.get(api_url("history/"), json=EMPTY_PAGE)
    ApiClient(token="t").history.list(page_size=10)
    assert api.calls[0].request.params == {"page": "1", "page_size": "10"}


def test_stats_returns_the_figures(api):
    api.get(api_url("stats/"), json=stats())
    assert ApiClient(token="t").stats.get() == stats()
