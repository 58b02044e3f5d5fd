"""The items list in a browser: cards and folded filters on a phone, numbered pages, a page past the end, page size
applied on change, empty filter fields kept out of the address, and each state looked at in both widths and schemes."""

import secrets

import requests
from playwright.sync_api import expect

from tests_live.browser.actions import PASSWORD, register
from tests_live.browser.test_page_design import LONG_NAME


def stock_up(live_api, username, count):
    """Give the user `count` items (one a 198-character name) straight through the API, faster than the forms."""
    api = f"{live_api.url}/api/v1"
    login = {"username": username, "password": PASSWORD}
    token = requests.post(f"{api}/auth/login/", json=login, timeout=10).json()["token"]
    headers = {"Authorization": f"Token {token}"}
    category = requests.post(f"{api}/categories/", json={"name": "Hand tools"}, headers=headers, timeout=10).json()
    for n in range(count):
        item = {"name": LONG_NAME if n == 0 else f"Item {n:02d}", "sku": f"SKU-{n:02d}", "quantity": n % 4}
        item.update(price=f"{n * 1250.5:.2f}", category=category["id"] if n % 2 else None)
        assert requests.post(f"{api}/items/", json=item, headers=headers, timeout=10).status_code == 201


def stocked_page(live_api, live_client, new_page, count, **options):
    """Return a page of a new user who has `count` items, on the items list."""
    page = new_page(**options)
    username = f"list-{secrets.token_hex(3)}"
    register(page, live_client.url, username)
    stock_up(live_api, username, count)
    page.goto(live_client.url + "/items/")
    return page


def test_items_list_states_look_finished(live_api, live_client, new_page, steps):
    base = live_client.url
    page = stocked_page(live_api, live_client, new_page, 45)

    page.goto(base + "/items/?page_size=10&page=3")
    expect(page.locator("a[aria-current=page]", has_text="3")).to_be_visible()
    expect(page.get_by_role("navigation", name="Pagination").get_by_role("link", name="Page 5")).to_be_visible()
    steps.look(page, "items-page-3-of-5")

    page.goto(base + "/items/?page_size=10&page=999")
    assert page.url.endswith("/items/?page=5&page_size=10")

    page.goto(base + "/items/?ordering=-price")
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Price ▼")
    page.get_by_role("link", name="Category").click()
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Category ▲")
    steps.look(page, "items-sorted-by-category")

    page.goto(base + "/items/?min_price=50&max_price=10")
    expect(page.get_by_text("Max price must not be below min price.").first).to_be_visible()
    steps.look(page, "items-price-range-upside-down")

    page.goto(base + "/items/?search=nothing-like-this")
    expect(page.get_by_text("No items match these filters")).to_be_visible()
    steps.look(page, "items-no-match")


def test_phone_folds_the_filters_and_shows_every_figure_on_each_card(live_api, live_client, new_page, steps):
    page = stocked_page(live_api, live_client, new_page, 3, viewport={"width": 390, "height": 844})
    expect(page.get_by_label("Search")).to_be_hidden()
    card = page.locator("tbody tr").filter(has_text="Item 01")
    for figure in ("SKU-01", "Hand tools", "1", "In stock", "1,250.50"):
        expect(card).to_contain_text(figure)
    steps.shot(page, "phone-cards")
    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Search").fill("Item")
    page.get_by_role("button", name="Filter").click()
    # Only the filled field reaches the address: the empty ones stay out.
    assert page.url.endswith("/items/?search=Item&page_size=20")
    expect(page.get_by_text("1 in use")).to_be_visible()
    expect(page.get_by_label("Search")).to_be_hidden()  # folded again: the results come first
    steps.shot(page, "phone-filters-in-use")


def test_page_size_applies_as_soon_as_it_changes(live_api, live_client, new_page):
    page = stocked_page(live_api, live_client, new_page, 12)
    page.get_by_label("Page size").select_option("10")
    expect(page).to_have_url(live_client.url + "/items/?page_size=10")
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()
