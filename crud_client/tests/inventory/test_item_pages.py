"""Item pages: what the user sees and exactly what is sent to the API."""

import json
import re

import pytest
import requests

from tests.api_payloads import category, item, page
from tests.conftest import TOKEN, api_url, page_text
from tests.inventory.conftest import HISTORY_ENTRY

ITEM = item()
CATEGORIES = page([category()])
FORM = {
    "name": "Hammer",
    "sku": "H-1",
    "description": "Claw",
    "category": "2",
    "quantity": "3",
    "reorder_level": "0",
    "price": "12.50",
}


def listing(rows, count=None):
    return {
        "count": len(rows) if count is None else count,
        "next": "http://127.0.0.1:8000/api/v1/items/?page=2",
        "previous": None,
        "results": rows,
    }


def test_list_shows_rows_linked_to_their_pages(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM]))
    html = logged_in_client.get("/items/").content.decode()
    assert '<a href="/items/5/">Hammer</a>' in html
    assert "Tools" in html and "12.50" in html


def test_list_forwards_filters_as_api_parameters(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([]))
    logged_in_client.get(
        "/items/?search=ham&category=2&in_stock=true&min_price=1&max_price=20&ordering=-price&page=2&page_size=50"
    )
    params = api.calls[-1].request.params
    assert params == {
        "search": "ham",
        "category": "2",
        "in_stock": "true",
        "min_price": "1",
        "max_price": "20",
        "ordering": "-price",
        "page": "2",
        "page_size": "50",
    }


def test_list_sends_only_known_orderings_and_page_sizes(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([]))
    logged_in_client.get("/items/?ordering=password&page_size=5000&page=-3")
    assert api.calls[-1].request.params == {"page": "1", "page_size": "20"}


def test_invalid_filter_shows_an_error_without_calling_the_items_api(logged_in_client, api, categories):
    response = logged_in_client.get("/items/?min_price=abc")
    assert response.status_code == 400
    assert "Enter a number." in response.content.decode()
    assert [c.request.url for c in api.calls if "/items/" in c.request.url] == []


def test_empty_state_offers_to_add_or_import(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([], 0))
    html = logged_in_client.get("/items/").content.decode()
    assert "No items yet" in html and "No items match" not in html
    assert 'href="/items/new/">' in html and "Add your first item" in html
    assert 'href="/items/import/">Import a CSV file</a>' in html


def test_empty_filtered_list_offers_to_clear_the_filters(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([], 0))
    html = logged_in_client.get("/items/?search=zebra").content.decode()
    assert "No items match these filters" in html and "No items yet" not in html
    assert '<a href="/items/">Clear the filters</a>' in html


def test_pagination_links_are_the_clients_own(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM], count=45))
    html = logged_in_client.get("/items/?search=ham&page=2").content.decode()
    assert "Page 2 of 3" in html
    assert 'href="?page=3&amp;search=ham"' in html
    assert 'href="?search=ham"' in html  # page 1 is the listing without a page number
    assert "127.0.0.1:8000" not in html


def test_sort_header_toggles_direction(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM]))
    html = logged_in_client.get("/items/?ordering=price").content.decode()
    assert 'href="?ordering=-price"' in html
    assert 'href="?ordering=name"' in html


def test_detail_shows_the_item(logged_in_client, api):
    api.get(api_url("items/5/"), json=ITEM)
    html = logged_in_client.get("/items/5/").content.decode()
    assert "Hammer" in html and "H-1" in html and 'href="/items/5/edit/"' in html


def test_detail_formats_money_numbers_dates_and_shows_the_stock_badge(logged_in_client, api, settings):
    settings.CLIENT_CURRENCY = "$"
    api.get(api_url("items/5/"), json={**ITEM, "quantity": 1200, "price": "1234.5"})
    html = logged_in_client.get("/items/5/").content.decode()
    assert "$1,234.50" in html and ">1,200</span>" in html
    assert '<span class="badge badge-quiet">In stock</span>' in html
    assert '<time datetime="2026-01-02T00:00:00Z" title="2026-01-02T00:00:00Z">2 Jan 2026, 00:00</time>' in html


def test_detail_has_breadcrumbs_back_to_the_list(logged_in_client, api):
    api.get(api_url("items/5/"), json=ITEM)
    html = logged_in_client.get("/items/5/").content.decode()
    assert '<li><a href="/items/">Items</a></li>' in html
    assert '<li class="breadcrumbs__current" aria-current="page"><span>Hammer</span></li>' in html


def test_list_shows_an_out_of_stock_badge_and_right_aligned_numbers(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([{**ITEM, "quantity": 0}]))
    html = logged_in_client.get("/items/").content.decode()
    assert '<td data-label="Stock"><span class="badge badge-danger">Out of stock</span></td>' in html
    assert '<td data-label="Price" class="number">12.50</td>' in html
    assert re.search(r'<th scope="col" class="number">\s*<a href="\?ordering=price">Price</a>', html)


def test_a_failed_save_opens_with_the_error_summary_linking_to_the_field(logged_in_client, api, categories):
    response = logged_in_client.post("/items/new/", {**FORM, "quantity": "-1"})
    html = response.content.decode()
    start = html.index("data-error-summary")
    summary = html[start : html.index("</form>", start)]
    assert "There is a problem" in summary
    assert '<a href="#id_quantity">Quantity: Ensure this value is greater than or equal to 0.</a>' in summary


def test_unknown_or_foreign_item_is_the_404_page(logged_in_client, api):
    api.get(api_url("items/99/"), status=404, json={"detail": "Not found."})
    response = logged_in_client.get("/items/99/")
    assert response.status_code == 404
    assert "Not found" in response.content.decode()


def test_create_form_offers_only_the_users_categories(logged_in_client, api, categories):
    html = logged_in_client.get("/items/new/").content.decode()
    assert '<option value="2">Tools</option>' in html
    for label in ["Name", "SKU", "Description", "Category", "Quantity", "Price"]:
        assert f">{label}" in html


def test_create_sends_the_exact_json_and_redirects_with_a_message(logged_in_client, api, categories):
    api.post(api_url("items/"), status=201, json=ITEM)
    response = logged_in_client.post("/items/new/", FORM)
    body = json.loads(api.calls[-1].request.body)
    assert body == {
        "name": "Hammer",
        "sku": "H-1",
        "description": "Claw",
        "category": 2,
        "quantity": 3,
        "reorder_level": 0,
        "price": "12.50",
    }
    assert api.calls[-1].request.headers["Authorization"] == f"Token {TOKEN}"
    assert response["Location"] == "/items/5/"
    api.get(api_url("items/5/"), json=ITEM)
    assert "Item “Hammer” created." in logged_in_client.get("/items/5/").content.decode()


def test_create_without_category_sends_null(logged_in_client, api, categories):
    api.post(api_url("items/"), status=201, json=ITEM)
    logged_in_client.post("/items/new/", {**FORM, "category": ""})
    assert json.loads(api.calls[-1].request.body)["category"] is None


def test_api_validation_error_shows_beside_the_field_with_values_kept(logged_in_client, api, categories):
    api.post(api_url("items/"), status=400, json={"sku": ["You already have an item with this SKU."]})
    response = logged_in_client.post("/items/new/", FORM)
    html = response.content.decode()
    assert response.status_code == 400
    assert response.context_data["form"].errors["sku"] == ["You already have an item with this SKU."]
    assert 'aria-invalid="true"' in html
    assert 'value="Hammer"' in html and "Claw" in html


def test_create_while_the_api_is_down_is_503_with_values_kept(logged_in_client, api, categories):
    api.post(api_url("items/"), body=requests.ConnectTimeout())
    response = logged_in_client.post("/items/new/", FORM)
    assert response.status_code == 503
    html = response.content.decode()
    assert "The Stockroom service is unavailable" in html
    assert 'value="Hammer"' in html


def test_client_side_validation_needs_no_api_call(logged_in_client, api, categories):
    response = logged_in_client.post("/items/new/", {**FORM, "quantity": "-1"})
    assert "greater than or equal to 0" in response.content.decode()
    assert not [c for c in api.calls if c.request.method == "POST"]


def test_create_page_is_titled_new_item_and_cancels_to_the_list(logged_in_client, api, categories):
    html = logged_in_client.get("/items/new/").content.decode()
    assert "<title>New item · Stockroom</title>" in html and "<h1>New item</h1>" in html
    assert '<a class="button button-quiet" href="/items/">Cancel</a>' in html


def test_edit_page_is_titled_with_the_items_name_and_cancels_to_it(logged_in_client, api, categories):
    api.get(api_url("items/5/"), json=ITEM)
    html = logged_in_client.get("/items/5/edit/").content.decode()
    assert "<title>Edit Hammer · Stockroom</title>" in html and "<h1>Edit “Hammer”</h1>" in html
    assert '<a class="button button-quiet" href="/items/5/">Cancel</a>' in html


def test_edit_form_carries_the_version_it_was_opened_with(logged_in_client, api, categories):
    api.get(api_url("items/5/"), json=ITEM)
    html = logged_in_client.get("/items/5/edit/").content.decode()
    assert 'name="version" value="4"' in html
    assert 'value="Hammer"' in html


def test_update_sends_if_match_with_that_version(logged_in_client, api, categories):
    api.get(api_url("items/5/"), json=ITEM)
    api.put(api_url("items/5/"), json={**ITEM, "version": 5})
    response = logged_in_client.post("/items/5/edit/", {**FORM, "version": "4"})
    put = [c for c in api.calls if c.request.method == "PUT"][0]
    assert put.request.headers["If-Match"] == '"4"'
    assert response["Location"] == "/items/5/"


def test_conflict_shows_both_versions_and_keeps_the_users_input(logged_in_client, api, categories):
    current = {**ITEM, "name": "Sledgehammer", "version": 6}
    api.get(api_url("items/5/"), json=ITEM)
    api.put(api_url("items/5/"), status=412, json={"detail": "Changed.", "current": current})
    response = logged_in_client.post("/items/5/edit/", {**FORM, "name": "My hammer", "version": "4"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this item since you opened it" in html
    assert "Your version" in html and "Current version" in html
    assert "Sledgehammer" in html
    assert 'value="My hammer"' in html
    assert 'name="version" value="6"' in html


def test_delete_asks_for_confirmation_first(logged_in_client, api):
    api.get(api_url("items/5/"), json=ITEM)
    html = logged_in_client.get("/items/5/delete/").content.decode()
    assert "Delete “Hammer”?" in html and 'method="post"' in html
    assert not [c for c in api.calls if c.request.method == "DELETE"]


def test_delete_sends_delete_with_if_match_and_returns_to_the_list(logged_in_client, api):
    api.get(api_url("items/5/"), json=ITEM)
    api.delete(api_url("items/5/"), status=204)
    response = logged_in_client.post("/items/5/delete/", {"version": "4"})
    delete = [c for c in api.calls if c.request.method == "DELETE"][0]
    assert delete.request.headers["If-Match"] == '"4"'
    assert response["Location"] == "/items/"


def test_an_expired_token_on_a_form_post_sends_to_login(logged_in_client, api):
    api.get(api_url("categories/"), status=401, json={"detail": "Token expired."})
    response = logged_in_client.post("/items/new/", FORM)
    assert response["Location"].startswith("/login/?next=")


def test_create_form_carries_a_fresh_idempotency_key(logged_in_client, api, categories):
    first = logged_in_client.get("/items/new/").content.decode()
    second = logged_in_client.get("/items/new/").content.decode()
    keys = [re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', html).group(1) for html in (first, second)]
    assert keys[0] != keys[1]


def test_create_sends_the_forms_idempotency_key(logged_in_client, api, categories):
    api.post(api_url("items/"), status=201, json=ITEM)
    logged_in_client.post("/items/new/", {**FORM, "idempotency_key": "form-key-1"})
    post = [c for c in api.calls if c.request.method == "POST"][0]
    assert post.request.headers["Idempotency-Key"] == "form-key-1"
    assert "idempotency_key" not in json.loads(post.request.body)


def test_a_double_submit_sends_the_same_key_twice(logged_in_client, api, categories):
    api.post(api_url("items/"), status=201, json=ITEM)
    for _ in range(2):
        logged_in_client.post("/items/new/", {**FORM, "idempotency_key": "form-key-2"})
    keys = {c.request.headers["Idempotency-Key"] for c in api.calls if c.request.method == "POST"}
    assert keys == {"form-key-2"}


def test_item_form_submitted_during_an_outage_keeps_every_value(logged_in_client, api):
    api.get(api_url("categories/"), body=requests.ConnectionError())
    api.post(api_url("items/"), body=requests.ConnectionError())
    response = logged_in_client.post("/items/new/", FORM)
    html = response.content.decode()
    assert response.status_code == 503
    assert "The Stockroom service is unavailable" in html
    assert 'value="Hammer"' in html and 'value="H-1"' in html and "Claw" in html
    assert '<option value="2" selected>' in html


def test_category_filter_offers_the_users_categories(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([]))
    html = logged_in_client.get("/items/?category=2").content.decode()
    assert '<option value="2" selected>Tools</option>' in html
    assert api.calls[0].request.params == {"page": "1", "page_size": "100", "ordering": "name"}


def test_foreign_category_filter_is_refused_without_calling_the_items_api(logged_in_client, api, categories):
    response = logged_in_client.get("/items/?category=99")
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert [c for c in api.calls if "/items/" in c.request.url] == []


def test_invalid_min_price_is_shown_beside_its_field(logged_in_client, api, categories):
    html = logged_in_client.get("/items/?min_price=abc&search=ham").content.decode()
    assert '<label for="id_min_price">Min price</label>' in html
    assert 'aria-invalid="true"' in html and 'class="errorlist"' in html
    assert 'value="ham"' in html
    assert "No items match" not in html


def test_price_range_upside_down_is_refused(logged_in_client, api, categories):
    response = logged_in_client.get("/items/?min_price=20&max_price=5")
    assert response.status_code == 400
    assert "Max price must not be below min price." in response.content.decode()


def test_filter_the_api_refuses_is_shown_not_a_500(logged_in_client, api, categories):
    api.get(api_url("items/"), status=400, json={"search": ["Too long."], "non_field_errors": ["Bad query."]})
    response = logged_in_client.get("/items/?search=ham")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Too long." in html and "Bad query." in html


def test_filter_form_has_the_labelled_fields(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([]))
    html = logged_in_client.get("/items/").content.decode()
    for name, label in [
        ("search", "Search"),
        ("category", "Category"),
        ("in_stock", "In stock"),
        ("min_price", "Min price"),
        ("max_price", "Max price"),
        ("page_size", "Page size"),
    ]:
        assert f'<label for="id_{name}">{label}</label>' in html
    assert '<button type="submit">Filter</button>' in html


def test_page_size_choice_is_offered_and_kept(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM], count=120))
    html = logged_in_client.get("/items/?page_size=50").content.decode()
    assert [int(size) for size in re.findall(r'<option value="(\d+)"[^>]*>\1</option>', html)] == [10, 20, 50, 100]
    assert '<option value="50" selected>50</option>' in html
    assert "Page 1 of 3" in html
    assert 'href="?page=2&amp;page_size=50"' in html
    # It applies on change with JavaScript, and with the Filter button without.
    assert '<select name="page_size" id="id_page_size" data-autosubmit>' in html
    assert '<button type="submit">Filter</button>' in html


def test_current_sort_column_is_marked_for_screen_readers(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM]))
    html = logged_in_client.get("/items/?ordering=-quantity").content.decode()
    assert '<th scope="col" class="number" aria-sort="descending">' in html
    assert 'href="?ordering=quantity"' in html
    assert api.calls[-1].request.params["ordering"] == "-quantity"


def test_create_page_while_the_api_is_down_is_the_503_page(logged_in_client, api):
    api.get(api_url("categories/"), body=requests.ConnectionError())
    response = logged_in_client.get("/items/new/")
    assert response.status_code == 503
    assert "The Stockroom service is unavailable" in response.content.decode()


def test_create_form_lists_nothing_but_the_apis_categories(logged_in_client, api, categories):
    html = logged_in_client.get("/items/new/").content.decode()
    select = re.search(r'<select name="category".*?</select>', html, re.S).group(0)
    assert re.findall(r"<option [^>]*>([^<]*)</option>", select) == ["— none —", "Tools"]


def test_a_category_that_is_not_the_users_is_refused(logged_in_client, api, categories):
    response = logged_in_client.post("/items/new/", {**FORM, "category": "77"})
    assert "Select a valid choice." in response.content.decode()
    assert not [c for c in api.calls if c.request.method == "POST"]


def test_throttled_create_says_to_wait_and_keeps_values(logged_in_client, api, categories):
    api.post(api_url("items/"), status=429, json={"detail": "Slow down."}, headers={"Retry-After": "30"})
    response = logged_in_client.post("/items/new/", FORM)
    html = response.content.decode()
    assert response.status_code == 429
    assert "wait 30 seconds" in html
    assert 'value="Hammer"' in html


def test_non_field_errors_from_the_api_are_form_errors(logged_in_client, api, categories):
    api.post(api_url("items/"), status=400, json={"non_field_errors": ["Something is off."]})
    response = logged_in_client.post("/items/new/", FORM)
    assert response.context_data["form"].non_field_errors() == ["Something is off."]
    assert 'class="errorlist nonfield"' in response.content.decode()


def test_edit_form_selects_the_items_category(logged_in_client, api, categories):
    api.get(api_url("items/5/"), json=ITEM)
    html = logged_in_client.get("/items/5/edit/").content.decode()
    assert '<option value="2" selected>Tools</option>' in html
    assert 'value="12.50"' in html


def test_update_sends_the_exact_json_and_says_updated(logged_in_client, api, categories):
    api.get(api_url("items/5/"), json=ITEM)
    api.put(api_url("items/5/"), json={**ITEM, "name": "Mallet", "version": 5})
    response = logged_in_client.post("/items/5/edit/", {**FORM, "name": "Mallet", "version": "4"}, follow=True)
    put = [c for c in api.calls if c.request.method == "PUT"][0]
    assert json.loads(put.request.body) == {
        "name": "Mallet",
        "sku": "H-1",
        "description": "Claw",
        "category": 2,
        "quantity": 3,
        "reorder_level": 0,
        "price": "12.50",
    }
    assert put.request.headers["Authorization"] == f"Token {TOKEN}"
    assert "Item “Mallet” updated." in response.content.decode()


def test_saving_again_after_a_conflict_overwrites_with_the_new_version(logged_in_client, api, categories):
    api.get(api_url("items/5/"), json=ITEM)
    api.put(api_url("items/5/"), status=412, json={"detail": "Changed.", "current": {**ITEM, "version": 6}})
    api.put(api_url("items/5/"), json={**ITEM, "name": "My hammer", "version": 7})
    html = logged_in_client.post("/items/5/edit/", {**FORM, "name": "My hammer", "version": "4"}).content.decode()
    version = re.search(r'name="version" value="(\d+)"', html).group(1)
    response = logged_in_client.post("/items/5/edit/", {**FORM, "name": "My hammer", "version": version})
    puts = [c.request for c in api.calls if c.request.method == "PUT"]
    assert [put.headers["If-Match"] for put in puts] == ['"4"', '"6"']
    assert json.loads(puts[1].body)["name"] == "My hammer"
    assert response["Location"] == "/items/5/"


def test_update_validation_error_keeps_values_and_version(logged_in_client, api, categories):
    api.get(api_url("items/5/"), json=ITEM)
    api.put(api_url("items/5/"), status=400, json={"name": ["This field may not be blank."]})
    response = logged_in_client.post("/items/5/edit/", {**FORM, "name": "  x", "version": "4"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "This field may not be blank." in html
    assert 'name="version" value="4"' in html


def test_deleted_item_says_so_on_the_list(logged_in_client, api, categories):
    api.get(api_url("items/5/"), json=ITEM)
    api.delete(api_url("items/5/"), status=204)
    api.get(api_url("items/"), json=listing([], 0))
    response = logged_in_client.post("/items/5/delete/", {"version": "4"}, follow=True)
    html = page_text(response)
    assert '<p class="message-text">Deleted ‘Hammer’.</p>' in html
    assert '<form method="post" action="/items/trash/5/restore/" class="message-action">' in html
    assert '<input type="hidden" name="next" value="/items/">' in html
    assert ">Undo</button>" in html


def test_delete_confirmation_says_the_item_goes_to_the_trash_and_can_come_back(logged_in_client, api):
    api.get(api_url("items/5/"), json=ITEM)
    html = page_text(logged_in_client.get("/items/5/delete/"))
    assert "It goes to the trash: you can undo the delete or restore it from there." in html
    assert "cannot be undone" not in html
    assert len(api.calls) == 1  # the item alone: no call to learn how long the trash keeps it


def test_delete_of_a_changed_item_deletes_nothing_and_says_why(logged_in_client, api):
    api.get(api_url("items/5/"), json=ITEM)
    api.delete(api_url("items/5/"), status=412, json={"detail": "Changed.", "current": {**ITEM, "version": 5}})
    response = logged_in_client.post("/items/5/delete/", {"version": "4"}, follow=True)
    assert response.redirect_chain == [("/items/5/", 302)]
    assert "The item changed since you opened it" in response.content.decode()


def test_delete_while_the_api_is_down_is_503(logged_in_client, api):
    api.get(api_url("items/5/"), json=ITEM)
    api.delete(api_url("items/5/"), body=requests.ConnectionError())
    response = logged_in_client.post("/items/5/delete/", {"version": "4"})
    assert response.status_code == 503
    assert "The Stockroom service is unavailable" in response.content.decode()


def test_delete_confirmation_has_a_cancel_link_and_carries_the_version(logged_in_client, api):
    api.get(api_url("items/5/"), json=ITEM)
    html = logged_in_client.get("/items/5/delete/").content.decode()
    assert '<a class="button button-quiet" href="/items/5/">Cancel</a>' in html
    assert 'name="version" value="4"' in html
    assert '<button type="submit" class="button-danger">Delete</button>' in html


def test_detail_asks_the_api_with_the_users_token(logged_in_client, api):
    api.get(api_url("items/5/"), json=ITEM)
    html = logged_in_client.get("/items/5/").content.decode()
    assert api.calls[0].request.headers["Authorization"] == f"Token {TOKEN}"
    assert 'href="/items/5/delete/"' in html and 'href="/categories/2/"' in html


@pytest.mark.parametrize("path", ["/items/new/", "/items/5/", "/items/5/edit/", "/items/5/delete/"])
def test_anonymous_visitor_is_sent_to_login_with_next(client, db, api, path):
    assert client.get(path)["Location"] == f"/login/?next={path}"
    assert len(api.calls) == 0


def test_expired_token_on_a_page_sends_to_login_with_next(logged_in_client, api):
    api.get(api_url("items/5/"), status=401, json={"detail": "Invalid token."})
    response = logged_in_client.get("/items/5/")
    assert response["Location"] == "/login/?next=%2Fitems%2F5%2F"


def test_invalid_filter_keeps_the_chosen_page_size(logged_in_client, api, categories):
    html = logged_in_client.get("/items/?max_price=-1&page_size=50").content.decode()
    assert '<option value="50" selected>50</option>' in html


@pytest.mark.parametrize("page", ["²", "0", "-1", "99999999999999999999", "abc"])
def test_a_tampered_page_number_falls_back_to_the_first_page(logged_in_client, api, categories, page):
    api.get(api_url("items/"), json=listing([]))
    assert logged_in_client.get(f"/items/?page={page}").status_code == 200
    assert api.calls[-1].request.params["page"] == "1"


def test_a_successful_update_costs_one_api_write_and_no_read(logged_in_client, api, categories):
    api.put(api_url("items/5/"), json={**ITEM, "version": 5})
    logged_in_client.post("/items/5/edit/", {**FORM, "version": "4"})
    item_calls = [(c.request.method, c.request.url) for c in api.calls if "/items/" in c.request.url]
    assert item_calls == [("PUT", api_url("items/5/"))]


def test_updating_an_unknown_or_foreign_item_is_the_404_page(logged_in_client, api, categories):
    api.put(api_url("items/99/"), status=404, json={"detail": "Not found."})
    response = logged_in_client.post("/items/99/edit/", {**FORM, "version": "1"})
    assert response.status_code == 404


def test_the_category_filter_marks_the_chosen_category_selected(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([]))
    html = logged_in_client.get("/items/?category=2").content.decode()
    assert '<option value="2" selected>Tools</option>' in html
    assert '<option value="" >' not in html and '<option value="">All</option>' in html


def test_a_search_of_more_than_ten_words_is_refused_beside_the_field(logged_in_client, api, categories):
    response = logged_in_client.get("/items/", {"search": " ".join(f"w{n}" for n in range(11))})
    assert response.status_code == 400
    assert "Use at most 10 words." in response.content.decode()
    assert [c.request.url for c in api.calls if "/items/" in c.request.url] == []


def edit_form_fields(html: str) -> dict:
    """Return the hidden fields of an edit page, as the browser would post them back."""
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))


def test_saving_an_unchanged_item_sends_nothing_and_says_so(logged_in_client, api, categories):
    api.get(api_url("items/5/"), json=ITEM)
    hidden = edit_form_fields(logged_in_client.get("/items/5/edit/").content.decode())
    response = logged_in_client.post("/items/5/edit/", {**FORM, **hidden, "price": "12.5"}, follow=True)
    assert [c.request.method for c in api.calls if c.request.url.startswith(api_url("items/5/?"))] == []
    assert [c.request.method for c in api.calls if c.request.url == api_url("items/5/")] == ["GET", "GET"]
    assert response.redirect_chain == [("/items/5/", 302)]
    assert "No changes to save in item “Hammer”." in page_text(response)


def test_saving_a_changed_item_still_sends_it(logged_in_client, api, categories):
    api.get(api_url("items/5/"), json=ITEM)
    api.put(api_url("items/5/"), json={**ITEM, "quantity": 4, "version": 5})
    hidden = edit_form_fields(logged_in_client.get("/items/5/edit/").content.decode())
    logged_in_client.post("/items/5/edit/", {**FORM, **hidden, "quantity": "4"})
    assert [c.request.method for c in api.calls if c.request.method == "PUT"] == ["PUT"]


def test_a_description_only_differing_in_line_ends_is_no_change(logged_in_client, api, categories):
    api.get(api_url("items/5/"), json={**ITEM, "description": "Claw\nSteel"})
    hidden = edit_form_fields(logged_in_client.get("/items/5/edit/").content.decode())
    response = logged_in_client.post("/items/5/edit/", {**FORM, **hidden, "description": "Claw\r\nSteel"})
    assert response["Location"] == "/items/5/"
    assert not [c for c in api.calls if c.request.method == "PUT"]


def test_editing_an_item_deleted_meanwhile_keeps_the_typed_values_and_says_so(logged_in_client, api, categories):
    api.put(api_url("items/5/"), status=404, json={"detail": "Not found."})
    response = logged_in_client.post("/items/5/edit/", {**FORM, "name": "My hammer", "version": "4"})
    html = page_text(response)
    assert response.status_code == 404
    assert "This item was deleted, perhaps in another tab, so your changes were not saved" in html
    assert 'value="My hammer"' in html and 'value="12.50"' in html
    assert '<button type="submit" formaction="/items/new/">Save as a new item</button>' in html
    assert 'waits in the <a href="/items/trash/">trash</a>, where it can be restored' in html


def test_a_deleted_items_values_can_be_saved_as_a_new_item_once(logged_in_client, api, categories):
    api.put(api_url("items/5/"), status=404, json={"detail": "Not found."})
    api.post(api_url("items/"), status=201, json={**ITEM, "id": 9, "name": "My hammer"})
    html = logged_in_client.post("/items/5/edit/", {**FORM, "name": "My hammer", "version": "4"}).content.decode()
    hidden = edit_form_fields(html)
    assert len(hidden["idempotency_key"]) == 32
    response = logged_in_client.post("/items/new/", {**FORM, **hidden, "name": "My hammer"})
    post = [c.request for c in api.calls if c.request.method == "POST"][0]
    assert post.headers["Idempotency-Key"] == hidden["idempotency_key"]
    assert json.loads(post.body)["name"] == "My hammer"
    assert response["Location"] == "/items/9/"


def test_conflict_says_it_once_and_marks_changed_rows_with_a_word(logged_in_client, api, categories):
    current = {**ITEM, "name": "Sledgehammer", "version": 6}
    api.get(api_url("items/5/"), json=ITEM)
    api.put(api_url("items/5/"), status=412, json={"detail": "Changed.", "current": current})
    html = page_text(logged_in_client.post("/items/5/edit/", {**FORM, "name": "My hammer", "version": "4"}))
    assert html.count("since you opened it") == 1
    assert html.count('<span class="badge badge-warning">Changed</span>') == 1
    assert re.search(r'<tr class="differs">\s*<th scope="row">Name <span class="badge', html)


def test_conflict_does_not_mark_a_price_typed_without_its_trailing_zero(logged_in_client, api, categories):
    current = {**ITEM, "name": "Sledgehammer", "version": 6}
    api.get(api_url("items/5/"), json=ITEM)
    api.put(api_url("items/5/"), status=412, json={"detail": "Changed.", "current": current})
    html = page_text(logged_in_client.post("/items/5/edit/", {**FORM, "price": "12.5", "version": "4"}))
    assert not re.search(r'<th scope="row">Price <span class="badge', html)


def test_a_page_past_the_end_redirects_to_the_last_page(logged_in_client, api, categories):
    api.get(api_url("items/"), status=404, json={"detail": "Invalid page."})
    api.get(api_url("items/"), json=listing([ITEM], count=45))
    response = logged_in_client.get("/items/?page=999&search=ham")
    assert response.status_code == 302
    assert response["Location"] == "/items/?page=3&search=ham"
    assert api.calls[-1].request.params == {"search": "ham", "page": "1", "page_size": "20"}


def test_a_page_past_the_end_of_an_empty_list_redirects_to_the_list(logged_in_client, api, categories):
    api.get(api_url("items/"), status=404, json={"detail": "Invalid page."})
    api.get(api_url("items/"), json=listing([], count=0))
    assert logged_in_client.get("/items/?page=2")["Location"] == "/items/?"


def test_empty_filter_fields_are_dropped_from_the_address(logged_in_client, api, categories):
    response = logged_in_client.get("/items/?search=&category=&in_stock=&min_price=1&max_price=&page_size=50")
    assert response.status_code == 302
    assert response["Location"] == "/items/?min_price=1&page_size=50"
    assert len(api.calls) == 0


def test_list_headers_sort_by_sku_and_category_and_mark_the_default(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM]))
    html = logged_in_client.get("/items/").content.decode()
    assert '<a href="?ordering=sku">SKU</a>' in html and '<a href="?ordering=category">Category</a>' in html
    assert '<a href="?ordering=-name">Name<span aria-hidden="true"> ▲</span></a>' in html


def test_list_sorted_by_category_descending_asks_the_api_so_and_shows_it(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM]))
    html = logged_in_client.get("/items/?ordering=-category").content.decode()
    assert api.calls[-1].request.params["ordering"] == "-category"
    assert '<th scope="col" aria-sort="descending">' in html
    assert '<a href="?ordering=category">Category<span aria-hidden="true"> ▼</span></a>' in html


def test_numbered_item_pages_link_the_first_the_last_and_a_window(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM], count=500))
    html = page_text(logged_in_client.get("/items/?page=12"))
    numbers = re.findall(r'<span class="visually-hidden">Page </span>(\d+)</a>', html)
    assert numbers == ["1", "10", "11", "12", "13", "14", "25"]


def test_filters_fold_away_and_count_the_ones_in_use(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM]))
    html = logged_in_client.get("/items/?in_stock=true&search=ham&page_size=50").content.decode()
    assert '<details class="filters-panel">' in html
    assert '<span class="badge badge-brand">2 in use</span>' in html


def test_min_price_above_max_keeps_the_panel_and_says_so_beside_the_field(logged_in_client, api, categories):
    response = logged_in_client.get("/items/?min_price=50&max_price=10")
    html = page_text(response)
    assert response.status_code == 400
    assert '<details class="filters-panel" open>' in html
    assert re.search(r'<div class="field field-invalid">\s*<label for="id_max_price">', html)
    assert "Max price must not be below min price." in html
    assert "Fix the filter marked above to see your items" in html


def test_phone_cards_keep_every_figure_of_a_row(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM]))
    html = logged_in_client.get("/items/").content.decode()
    assert '<table class="table-stack table-selectable table-items">' in html
    for label in ("SKU", "Category", "Quantity", "Stock", "Price", "Updated"):
        assert f'<td data-label="{label}"' in html


def test_an_empty_reorder_level_is_sent_as_zero(logged_in_client, api, categories):
    api.post(api_url("items/"), status=201, json=ITEM)
    logged_in_client.post("/items/new/", {**FORM, "reorder_level": "", "idempotency_key": "k"})
    assert json.loads(api.calls[-1].request.body)["reorder_level"] == 0


def test_a_negative_reorder_level_is_refused_beside_the_field(logged_in_client, api, categories):
    response = logged_in_client.post("/items/new/", {**FORM, "reorder_level": "-1", "idempotency_key": "k"})
    assert 'id="id_reorder_level_error"' in response.content.decode()
    assert [call for call in api.calls if call.request.method == "POST"] == []


def test_detail_shows_the_reorder_level_and_a_low_stock_badge(logged_in_client, api):
    api.get(api_url("items/5/"), json={**ITEM, "quantity": 2, "reorder_level": 5})
    api.get(api_url("items/5/history/"), json={"count": 0, "next": None, "previous": None, "results": []})
    html = logged_in_client.get("/items/5/").content.decode()
    assert "<dt>Reorder level</dt><dd>5</dd>" in html
    assert '<span class="badge badge-warning">Low stock</span>' in html


def test_detail_shows_the_history_as_sentences(logged_in_client, api):
    api.get(api_url("items/5/"), json=ITEM)
    entry = HISTORY_ENTRY
    created = {**entry, "id": 1, "action": "created", "source": "import", "changes": []}
    api.get(
        api_url("items/5/history/"), json={"count": 30, "next": None, "previous": None, "results": [entry, created]}
    )
    html = page_text(logged_in_client.get("/items/5/"))
    assert '<h2 id="history-title">History</h2>' in html
    assert "12 Mar 2026, 14:02</time> — ada changed price from 12.50 to 13.00" in html
    assert "ada created the item" in html and "(import)" in html
    assert "The latest 2 of 30 changes." in html


def test_detail_still_shows_the_item_when_its_history_cannot_be_read(logged_in_client, api):
    api.get(api_url("items/5/"), json=ITEM)
    api.get(api_url("items/5/history/"), status=503, json={"detail": "Down."})
    response = logged_in_client.get("/items/5/")
    assert response.status_code == 200
    assert "The history cannot be shown right now." in page_text(response)
