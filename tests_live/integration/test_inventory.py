"""Categories and items over real HTTP: every CRUD path, filters, ordering, pagination, 409 and 412."""

import re

import pytest
import requests

from tests_live.browsing import Visitor


@pytest.fixture
def visitor(live_client):
    """A freshly registered, logged-in user."""
    visitor = Visitor(live_client.url)
    visitor.username = visitor.register()
    return visitor


def create_category(visitor, name):
    visitor.submit("/categories/new/", {"name": name, "description": f"{name} things"})
    return visitor.created_id()


def create_item(visitor, name, **fields):
    data = {"name": name, "sku": "", "description": "", "category": "", "quantity": "0", "price": "1.00", **fields}
    visitor.submit("/items/new/", data)
    assert visitor.path.startswith("/items/"), visitor.field_errors()
    return visitor.created_id()


def row_names(visitor):
    return re.findall(r'<td><a href="/items/\d+/">([^<]+)</a></td>', visitor.page.text)


def category_names(visitor):
    return re.findall(r'<td><a href="/categories/\d+/">([^<]+)</a></td>', visitor.page.text)


def test_category_create_read_update_delete(visitor):
    category_id = create_category(visitor, "Garden")
    assert "Category “Garden” created." in visitor.messages()
    visitor.submit(f"/categories/{category_id}/edit/", {"name": "Garden tools", "description": "", "version": "1"})
    assert "Category “Garden tools” updated." in visitor.messages()
    visitor.get("/categories/")
    assert "Garden tools" in visitor.text
    visitor.submit(f"/categories/{category_id}/delete/", {"version": "2"})
    assert "Category “Garden tools” deleted." in visitor.messages()
    assert "No categories yet" in visitor.text


def test_item_create_read_update_delete(visitor):
    category_id = create_category(visitor, "Tools")
    item_id = create_item(visitor, "Hammer", sku="H-1", category=str(category_id), quantity="3", price="12.50")
    assert "Item “Hammer” created." in visitor.messages()
    assert "Tools" in visitor.text and "12.50" in visitor.text
    visitor.submit(
        f"/items/{item_id}/edit/",
        {
            "name": "Claw hammer",
            "sku": "H-1",
            "description": "",
            "category": str(category_id),
            "quantity": "4",
            "price": "13.00",
            "version": "1",
        },
    )
    assert "Item “Claw hammer” updated." in visitor.messages()
    visitor.submit(f"/items/{item_id}/delete/", {"version": "2"})
    assert "Deleted ‘Claw hammer’." in visitor.messages()
    assert visitor.get(f"/items/{item_id}/").status_code == 404


def test_api_validation_error_appears_beside_the_field(visitor):
    create_item(visitor, "First", sku="DUP-1")
    visitor.submit(
        "/items/new/",
        {
            "name": "Second",
            "sku": "DUP-1",
            "description": "kept text",
            "category": "",
            "quantity": "1",
            "price": "2.00",
        },
    )
    assert visitor.page.status_code == 400
    assert "You already have an item with this SKU." in visitor.field_errors()
    assert "kept text" in visitor.text


def test_filters_ordering_and_search(visitor):
    tools = create_category(visitor, "Tools")
    create_item(visitor, "Anvil", price="100.00", quantity="0", category=str(tools))
    create_item(visitor, "Bolt", price="0.10", quantity="500")
    create_item(visitor, "Chisel", price="15.00", quantity="3", category=str(tools))
    visitor.get(f"/items/?category={tools}")
    assert row_names(visitor) == ["Anvil", "Chisel"]
    visitor.get("/items/?in_stock=true&ordering=-price")
    assert row_names(visitor) == ["Chisel", "Bolt"]
    visitor.get("/items/?min_price=1&max_price=50")
    assert row_names(visitor) == ["Chisel"]
    visitor.get("/items/?search=chis")
    assert row_names(visitor) == ["Chisel"]
    visitor.get("/items/?ordering=-name")
    assert row_names(visitor) == ["Chisel", "Bolt", "Anvil"]


def test_categories_sort_by_item_count_and_name(visitor):
    create_category(visitor, "Alpha")
    tools = create_category(visitor, "Tools")
    create_item(visitor, "Anvil", category=str(tools))
    visitor.get("/categories/?ordering=-item_count")
    assert category_names(visitor) == ["Tools", "Alpha"]
    visitor.get("/categories/?ordering=name")
    assert category_names(visitor) == ["Alpha", "Tools"]


def test_pagination_links_stay_on_the_client(live_api, visitor):
    for n in range(12):
        create_item(visitor, f"Item {n:02d}")
    visitor.get("/items/?page_size=10&ordering=name")
    assert "Page 1 of 2" in visitor.text
    assert live_api.url not in visitor.page.text
    next_link = re.search(r'href="(\?[^"]+)" rel="next"', visitor.page.text).group(1).replace("&amp;", "&")
    visitor.get("/items/" + next_link)
    assert "Page 2 of 2" in visitor.text
    assert row_names(visitor) == ["Item 10", "Item 11"]


def test_deleting_a_category_with_items_shows_the_apis_message(visitor):
    tools = create_category(visitor, "Tools")
    create_item(visitor, "Hammer", category=str(tools))
    visitor.submit(f"/categories/{tools}/delete/", {"version": "1"})
    assert "This category still has 1 item. Move or delete them first." in visitor.messages()
    assert visitor.get(f"/categories/{tools}/").status_code == 200


def test_concurrent_edit_shows_both_versions(live_api, visitor):
    item_id = create_item(visitor, "Hammer", price="10.00")
    token = requests.post(
        f"{live_api.url}/api/v1/auth/login/",
        json={"username": visitor.username, "password": "Sup3r-secret-pw"},
        timeout=5,
    ).json()["token"]
    form_page = visitor.get(f"/items/{item_id}/edit/").text
    version = re.search(r'name="version" value="(\d+)"', form_page).group(1)
    changed = requests.patch(
        f"{live_api.url}/api/v1/items/{item_id}/",
        json={"name": "Sledgehammer"},
        timeout=5,
        headers={"Authorization": f"Token {token}", "If-Match": f'"{version}"'},
    )
    assert changed.status_code == 200
    mine = {
        "name": "My hammer",
        "sku": "",
        "description": "",
        "category": "",
        "quantity": "1",
        "price": "11.00",
        "version": version,
    }
    visitor.submit(f"/items/{item_id}/edit/", mine)
    assert visitor.page.status_code == 409
    assert "Someone else changed this item since you opened it" in visitor.text
    assert "Sledgehammer" in visitor.text and 'value="My hammer"' in visitor.page.text
    new_version = re.search(r'name="version" value="(\d+)"', visitor.page.text).group(1)
    visitor.submit(f"/items/{item_id}/edit/", {**mine, "version": new_version})
    assert "Item “My hammer” updated." in visitor.messages()


def test_another_users_item_is_not_found(live_client, visitor):
    item_id = create_item(visitor, "Secret")
    stranger = Visitor(live_client.url)
    stranger.register()
    assert stranger.get(f"/items/{item_id}/").status_code == 404
    assert stranger.get(f"/items/{item_id}/edit/").status_code == 404
    stranger.get("/items/")
    assert "Secret" not in stranger.text


def test_submitting_the_same_create_form_twice_creates_one_item(visitor):
    form_page = visitor.get("/items/new/").text
    token = Visitor.csrf_token(form_page)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', form_page).group(1)
    data = {
        "csrfmiddlewaretoken": token,
        "idempotency_key": key,
        "name": "Only once",
        "sku": "",
        "description": "",
        "category": "",
        "quantity": "1",
        "price": "1.00",
    }
    first = visitor.http.post(visitor.base_url + "/items/new/", data=data, timeout=15)
    second = visitor.http.post(visitor.base_url + "/items/new/", data=data, timeout=15)
    assert first.url == second.url
    visitor.get("/items/?search=Only+once")
    assert row_names(visitor) == ["Only once"]


def test_two_browsers_editing_the_same_version_save_one_and_show_the_other_the_conflict(live_client, visitor):
    item_id = create_item(visitor, "Shared", price="5.00")
    other_browser = Visitor(live_client.url)
    other_browser.submit("/login/", {"username": visitor.username, "password": "Sup3r-secret-pw"})
    pages = [browser.get(f"/items/{item_id}/edit/").text for browser in (visitor, other_browser)]
    tokens = [Visitor.csrf_token(page) for page in pages]
    base = {"sku": "", "description": "", "category": "", "quantity": "1", "version": "1"}
    first = visitor.http.post(
        f"{live_client.url}/items/{item_id}/edit/",
        data={**base, "csrfmiddlewaretoken": tokens[0], "name": "First", "price": "6.00"},
        timeout=15,
    )
    second = other_browser.http.post(
        f"{live_client.url}/items/{item_id}/edit/",
        data={**base, "csrfmiddlewaretoken": tokens[1], "name": "Second", "price": "7.00"},
        timeout=15,
    )
    assert first.url.endswith(f"/items/{item_id}/")
    assert second.status_code == 409
    assert "First" in second.text and 'value="Second"' in second.text
    assert "First" in visitor.get(f"/items/{item_id}/").text
