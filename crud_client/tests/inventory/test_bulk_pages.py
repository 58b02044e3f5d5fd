"""Bulk actions from the items list: the selection, each action's page, and what is sent to the API."""

import json

from tests.conftest import api_url, page_text
from tests.inventory.conftest import CATEGORIES
from tests.inventory.test_item_pages import ITEM, listing

SAW = {**ITEM, "id": 6, "name": "Saw", "sku": "S-1", "version": 2}
LIST_PAGE = "/items/?search=ha&page=2"


def selection(*items, **extra):
    """Return the form data the list posts for the ticked `items`."""
    data = {"ids": [str(item["id"]) for item in items], "next": LIST_PAGE, **extra}
    for item in items:
        data[f"version-{item['id']}"] = str(item["version"])
        data[f"name-{item['id']}"] = item["name"]
    return data


def bulk_calls(api):
    return [call.request for call in api.calls if call.request.url == api_url("items/bulk/")]


def sent(api):
    return json.loads(bulk_calls(api)[-1].body)


def test_list_rows_have_a_box_with_their_version_and_name_in_one_form(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM]))
    html = logged_in_client.get("/items/").content.decode()
    assert '<form method="post" action="/items/bulk/delete/"' in html
    assert '<input type="checkbox" name="ids" value="5">' in html
    assert '<input type="hidden" name="version-5" value="4">' in html
    assert '<input type="hidden" name="name-5" value="Hammer">' in html
    assert 'formaction="/items/bulk/move/"' in html and 'formaction="/items/bulk/adjust/"' in html


def test_select_all_without_javascript_shows_the_page_with_every_box_ticked(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM, SAW]))
    html = logged_in_client.get("/items/?select=all").content.decode()
    assert html.count('name="ids" value="5" checked') + html.count('name="ids" value="6" checked') == 2
    assert "Clear selection" in html
    assert api.calls[-1].request.params.get("select") is None


def test_select_all_stays_on_its_page(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM], count=45))
    html = logged_in_client.get("/items/?select=all&search=ham").content.decode()
    assert "select=all" not in html.replace('href="?search=ham&amp;select=all"', "")
    assert 'href="?page=2&amp;search=ham"' in html


def test_list_remembers_itself_as_the_page_to_come_back_to(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM]))
    html = logged_in_client.get("/items/?search=ham").content.decode()
    assert '<input type="hidden" name="next" value="/items/?search=ham">' in html


def test_posting_nothing_ticked_goes_back_to_the_list_saying_so(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM]))
    response = logged_in_client.post("/items/bulk/delete/", {"next": LIST_PAGE}, follow=True)
    assert response.redirect_chain == [(LIST_PAGE, 302)]
    assert "Select at least one item on the page first." in page_text(response)
    assert bulk_calls(api) == []


def test_a_bulk_page_opened_by_get_goes_to_the_list(logged_in_client):
    response = logged_in_client.get("/items/bulk/move/")
    assert response.status_code == 302 and response.url == "/items/"


def test_delete_page_lists_every_item_and_repeats_the_count_on_its_button(logged_in_client, api):
    response = logged_in_client.post("/items/bulk/delete/", selection(ITEM, SAW))
    text = page_text(response)
    assert response.status_code == 200
    assert "<h1>Delete 2 items?</h1>" in text
    assert "<li>Hammer</li>" in text and "<li>Saw</li>" in text
    assert 'class="button-danger">Delete 2 items</button>' in text
    assert len(api.calls) == 0


def test_delete_page_carries_the_selection_and_a_fresh_idempotency_key(logged_in_client, api):
    text = page_text(logged_in_client.post("/items/bulk/delete/", selection(ITEM)))
    assert '<input type="hidden" name="version-5" value="4">' in text
    assert '<input type="hidden" name="confirm" value="1">' in text
    assert f'<input type="hidden" name="next" value="{LIST_PAGE}">' in text
    assert 'name="idempotency_key" value="' in text


def test_confirmed_delete_sends_ids_versions_and_key_then_returns_to_the_list(logged_in_client, api):
    api.post(api_url("items/bulk/"), json={"action": "delete", "count": 2, "items": []})
    response = logged_in_client.post(
        "/items/bulk/delete/", selection(ITEM, SAW, confirm="1", idempotency_key="key-1"), follow=True
    )
    assert sent(api) == {"action": "delete", "ids": [5, 6], "versions": {"5": 4, "6": 2}}
    assert bulk_calls(api)[-1].headers["Idempotency-Key"] == "key-1"
    assert response.redirect_chain[0] == (LIST_PAGE, 302)


def test_deleting_one_item_names_it(logged_in_client, api):
    api.post(api_url("items/bulk/"), json={"action": "delete", "count": 1, "items": []})
    api.get(api_url("items/"), json=listing([]))
    api.get(api_url("categories/"), json=CATEGORIES)
    response = logged_in_client.post("/items/bulk/delete/", selection(ITEM, confirm="1"), follow=True)
    assert "Deleted ‘Hammer’." in page_text(response)


def test_a_changed_item_stops_everything_and_names_it(logged_in_client, api):
    api.post(api_url("items/bulk/"), status=412, json={"detail": "Changed.", "current": {"5": 7, "6": 2}})
    response = logged_in_client.post("/items/bulk/delete/", selection(ITEM, SAW, confirm="1"))
    text = page_text(response)
    assert response.status_code == 409
    assert "‘Hammer’ changed since the list was shown, so nothing was done." in text
    # Confirming again acts on the items as they are now: the form carries the current version.
    assert '<input type="hidden" name="version-5" value="7">' in text


def test_foreign_or_missing_ids_are_shown_as_the_apis_message(logged_in_client, api):
    api.post(api_url("items/bulk/"), status=400, json={"ids": ["Not found: 5"]})
    response = logged_in_client.post("/items/bulk/delete/", selection(ITEM, confirm="1"))
    assert response.status_code == 400
    assert "There is a problem" in page_text(response) and "Not found: 5" in page_text(response)


def test_api_down_keeps_the_page_and_says_so(logged_in_client, api):
    api.post(api_url("items/bulk/"), status=503, json={"detail": "Down."})
    response = logged_in_client.post("/items/bulk/delete/", selection(ITEM, confirm="1"))
    assert response.status_code == 503
    assert "unavailable" in page_text(response) and "<li>Hammer</li>" in page_text(response)


def test_move_page_offers_the_users_categories_and_none(logged_in_client, api, categories):
    text = page_text(logged_in_client.post("/items/bulk/move/", selection(ITEM, SAW)))
    assert "<h1>Move 2 items to a category</h1>" in text
    assert '<option value="2">Tools</option>' in text and '<option value="none">' in text


def test_move_sends_the_category_and_names_it(logged_in_client, api, categories):
    api.post(api_url("items/bulk/"), json={"action": "set_category", "count": 2, "items": []})
    api.get(api_url("items/"), json=listing([]))
    response = logged_in_client.post("/items/bulk/move/", selection(ITEM, SAW, confirm="1", category="2"), follow=True)
    assert sent(api) == {"action": "set_category", "ids": [5, 6], "category": 2, "versions": {"5": 4, "6": 2}}
    assert "Moved 2 items to ‘Tools’." in page_text(response)


def test_move_to_no_category_sends_null(logged_in_client, api, categories):
    api.post(api_url("items/bulk/"), json={"action": "set_category", "count": 1, "items": []})
    logged_in_client.post("/items/bulk/move/", selection(ITEM, confirm="1", category="none"))
    assert sent(api)["category"] is None


def test_move_without_a_choice_asks_for_one_and_sends_nothing(logged_in_client, api, categories):
    response = logged_in_client.post("/items/bulk/move/", selection(ITEM, confirm="1", category=""))
    assert response.status_code == 400
    assert "This field is required." in page_text(response)
    assert bulk_calls(api) == []


def test_a_foreign_category_is_shown_beside_the_choice(logged_in_client, api, categories):
    api.post(api_url("items/bulk/"), status=400, json={"category": ['Invalid pk "2" - object does not exist.']})
    response = logged_in_client.post("/items/bulk/move/", selection(ITEM, confirm="1", category="2"))
    assert response.status_code == 400
    assert 'id="id_category_error"' in page_text(response)


def test_adjust_takes_away_with_a_direction_and_a_positive_amount(logged_in_client, api):
    api.post(api_url("items/bulk/"), json={"action": "adjust_quantity", "count": 2, "items": []})
    api.get(api_url("items/"), json=listing([]))
    api.get(api_url("categories/"), json=CATEGORIES)
    data = selection(ITEM, SAW, confirm="1", direction="remove", amount="3")
    response = logged_in_client.post("/items/bulk/adjust/", data, follow=True)
    assert sent(api)["delta"] == -3
    assert "Took 3 from the quantity of 2 items." in page_text(response)


def test_adjust_adds(logged_in_client, api):
    api.post(api_url("items/bulk/"), json={"action": "adjust_quantity", "count": 1, "items": []})
    logged_in_client.post("/items/bulk/adjust/", selection(ITEM, confirm="1", direction="add", amount="10"))
    assert sent(api)["delta"] == 10


def test_not_enough_stock_is_shown_beside_the_amount_with_the_typed_values_kept(logged_in_client, api):
    message = "Not enough stock: Hammer (#5) has 3."
    api.post(api_url("items/bulk/"), status=400, json={"delta": [message]})
    response = logged_in_client.post(
        "/items/bulk/adjust/", selection(ITEM, confirm="1", direction="remove", amount="10")
    )
    text = page_text(response)
    assert response.status_code == 400
    assert f'<ul class="errorlist" id="id_amount_error"><li>{message}</li></ul>' in text
    assert 'value="10"' in text and 'value="remove" id="id_direction_1" checked' in text.replace("required ", "")


def test_adjust_refuses_zero(logged_in_client, api):
    response = logged_in_client.post("/items/bulk/adjust/", selection(ITEM, confirm="1", direction="add", amount="0"))
    assert response.status_code == 400
    assert len(api.calls) == 0


def test_next_may_only_lead_back_to_the_items_list(logged_in_client, api):
    response = logged_in_client.post("/items/bulk/delete/", {"next": "https://evil.example/items/"})
    assert response.url == "/items/"


def test_ids_that_are_not_numbers_are_ignored(logged_in_client, api):
    response = logged_in_client.post("/items/bulk/delete/", {"ids": ["x", "-1", "²"], "next": LIST_PAGE})
    assert response.status_code == 302 and len(api.calls) == 0


def test_bulk_pages_need_a_login(client):
    response = client.post("/items/bulk/delete/", {"ids": ["5"]})
    assert response.status_code == 302 and response.url.startswith("/login/")
