"""Undo after a delete, the trash page, restoring and deleting for good."""

import pytest

from tests.api_payloads import page, trash_page, trashed_item
from tests.conftest import api_url, page_text
from tests.inventory.test_bulk_pages import selection
from tests.inventory.test_item_pages import ITEM, listing

TRASHED = trashed_item(purge_at="2026-12-28T14:05:09Z")
SAW = {**ITEM, "id": 6, "name": "Saw", "version": 2}


@pytest.fixture
def item_list(api, categories):
    api.get(api_url("items/"), json=listing([ITEM]))


def test_bulk_delete_message_offers_to_undo_the_batch(logged_in_client, api, item_list):
    items = [{"id": 5, "version": 5}, {"id": 6, "version": 3}]
    api.post(api_url("items/bulk/"), json={"action": "delete", "count": 2, "items": items})
    response = logged_in_client.post("/items/bulk/delete/", selection(ITEM, SAW, confirm="1"), follow=True)
    html = page_text(response)
    assert '<p class="message-text">Deleted 2 items.</p>' in html
    assert '<form method="post" action="/items/trash/restore/" class="message-action">' in html
    assert '<input type="hidden" name="ids" value="5,6">' in html


def test_bulk_delete_page_says_the_items_go_to_the_trash_without_a_number_of_days(logged_in_client, api):
    html = page_text(logged_in_client.post("/items/bulk/delete/", selection(ITEM, SAW)))
    assert "They go to the trash, from where you can restore them." in html
    assert " days" not in html


def test_undo_restores_the_item_and_goes_back_to_the_page_it_was_on(logged_in_client, api, item_list):
    api.post(api_url("items/trash/5/restore/"), json={**ITEM, "version": 5})
    response = logged_in_client.post("/items/trash/5/restore/", {"next": "/items/?search=ham"}, follow=True)
    assert response.redirect_chain == [("/items/?search=ham", 302)]
    html = page_text(response)
    assert "Restored ‘Hammer’." in html
    assert '<a class="message-action" href="/items/5/">View</a>' in html


def test_undo_never_goes_back_to_another_site(logged_in_client, api):
    api.post(api_url("items/trash/5/restore/"), json={**ITEM, "version": 5})
    response = logged_in_client.post("/items/trash/5/restore/", {"next": "https://evil.example/"})
    assert response.url == "/items/trash/"


def test_restoring_over_a_taken_sku_explains_on_the_trash_page(logged_in_client, api):
    detail = "Another item now has SKU 'H-1'. Change that item's SKU, then restore this one."
    api.post(api_url("items/trash/5/restore/"), status=409, json={"detail": detail, "sku": "H-1"})
    api.get(api_url("items/trash/"), json=trash_page([TRASHED]))
    response = logged_in_client.post("/items/trash/5/restore/", {"next": "/items/"}, follow=True)
    assert response.redirect_chain == [("/items/trash/", 302)]
    assert detail in page_text(response)


def test_restoring_an_item_no_longer_in_the_trash_says_so(logged_in_client, api, item_list):
    api.post(api_url("items/trash/5/restore/"), status=404, json={"detail": "Not found."})
    response = logged_in_client.post("/items/trash/5/restore/", {"next": "/items/"}, follow=True)
    assert "That item is no longer in the trash." in page_text(response)


def test_undo_of_a_batch_restores_all_of_it(logged_in_client, api, item_list):
    api.post(api_url("items/trash/restore/"), json={"count": 2, "items": []})
    response = logged_in_client.post("/items/trash/restore/", {"ids": "5,6", "next": "/items/"}, follow=True)
    assert api.calls[0].request.body == b'{"ids": [5, 6]}'
    assert "Restored 2 items." in page_text(response)


def test_undo_of_a_batch_with_a_taken_sku_restores_nothing_and_says_why(logged_in_client, api):
    api.post(
        api_url("items/trash/restore/"), status=409, json={"detail": "Another item now has SKU 'H-1'.", "ids": [5]}
    )
    api.get(api_url("items/trash/"), json=trash_page([TRASHED]))
    response = logged_in_client.post("/items/trash/restore/", {"ids": "5,6"}, follow=True)
    assert "Nothing was restored. Another item now has SKU 'H-1'." in page_text(response)


def test_undo_of_a_batch_ignores_ids_that_are_not_numbers(logged_in_client, api):
    response = logged_in_client.post("/items/trash/restore/", {"ids": "x,-1,²"})
    assert response.status_code == 302 and len(api.calls) == 0


def test_trash_page_says_how_long_items_stay_and_offers_restore_and_delete(logged_in_client, api):
    api.get(api_url("items/trash/"), json=trash_page([TRASHED]))
    html = page_text(logged_in_client.get("/items/trash/"))
    assert "Deleted items stay here for 30 days" in html
    assert '<form method="post" action="/items/trash/5/restore/" class="inline-form">' in html
    assert 'href="/items/trash/5/delete/"' in html
    assert 'datetime="2026-11-28T14:05:09Z"' in html


def test_trash_page_tells_the_days_the_api_keeps_items(logged_in_client, api):
    api.get(api_url("items/trash/"), json=trash_page([TRASHED], retention_days=7))
    assert "Deleted items stay here for 7 days, then they are deleted for good." in page_text(
        logged_in_client.get("/items/trash/")
    )


def test_trash_page_says_one_day_in_the_singular(logged_in_client, api):
    api.get(api_url("items/trash/"), json=trash_page([TRASHED], retention_days=1))
    assert "Deleted items stay here for 1 day, then" in page_text(logged_in_client.get("/items/trash/"))


@pytest.mark.outside_contract(reason="an API from before the trash list said how long it keeps items")
def test_trash_page_names_no_number_of_days_when_the_api_does_not_say(logged_in_client, api):
    api.get(api_url("items/trash/"), json=page([TRASHED]))
    assert "Deleted items stay here for a while, then" in page_text(logged_in_client.get("/items/trash/"))


def test_each_trashed_item_says_when_it_is_deleted_for_good(logged_in_client, api):
    api.get(api_url("items/trash/"), json=trash_page([TRASHED]))
    html = page_text(logged_in_client.get("/items/trash/"))
    assert '<th scope="col">Deleted for good</th>' in html
    purge = '<time datetime="2026-12-28T14:05:09Z" title="2026-12-28T14:05:09Z">28 Dec 2026</time>'
    assert f'<td data-label="Deleted for good">{purge}</td>' in html


def test_empty_trash_says_why_it_is_empty_and_how_long_items_wait(logged_in_client, api):
    api.get(api_url("items/trash/"), json=trash_page([], retention_days=7))
    html = page_text(logged_in_client.get("/items/trash/"))
    assert "The trash is empty. Items you delete wait here for 7 days, so a mistake can be undone." in html


def test_delete_for_good_asks_first_and_says_it_cannot_be_undone(logged_in_client, api):
    api.get(api_url("items/trash/5/"), json=TRASHED)
    html = page_text(logged_in_client.get("/items/trash/5/delete/"))
    assert "Delete “Hammer” for good?" in html and "This cannot be undone." in html
    assert 'class="button-danger">Delete for good</button>' in html


def test_delete_for_good_deletes_and_returns_to_the_trash(logged_in_client, api):
    api.get(api_url("items/trash/5/"), json=TRASHED)
    api.delete(api_url("items/trash/5/"), status=204)
    api.get(api_url("items/trash/"), json=trash_page([]))
    response = logged_in_client.post("/items/trash/5/delete/", {}, follow=True)
    assert response.redirect_chain == [("/items/trash/", 302)]
    assert "Deleted ‘Hammer’ for good." in page_text(response)
    assert [c.request.method for c in api.calls if c.request.url == api_url("items/trash/5/")] == ["GET", "DELETE"]


def test_the_trash_needs_a_login(client):
    assert client.get("/items/trash/").url.startswith("/login/")
