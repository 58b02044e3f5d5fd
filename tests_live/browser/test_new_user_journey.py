"""A new user's journey through both live servers in a real browser, and a second user who sees none of it."""

import re
import secrets

from playwright.sync_api import expect

from tests_live.browser.actions import PASSWORD, go_to, log_out, register


def test_new_user_manages_stock_and_a_stranger_sees_none_of_it(live_client, new_page, steps):
    base = live_client.url
    page = new_page()
    alice = f"alice-{secrets.token_hex(3)}"

    register(page, base, alice)
    steps.shot(page, "registered")
    log_out(page)
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()

    page.get_by_label("Username").fill(alice)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    steps.shot(page, "logged-in")

    go_to(page, "Categories")
    page.get_by_role("link", name="New category").click()
    page.get_by_label("Name").fill("Tools")
    page.get_by_label("Description").fill("Hand tools")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Category “Tools” created.")).to_be_visible()
    steps.shot(page, "category-created")

    go_to(page, "Items")
    page.get_by_role("link", name="New item").click()
    page.get_by_label("Name").fill("Claw hammer")
    page.get_by_label("SKU").fill("HAM-1")
    page.get_by_label("Category").select_option(label="Tools")
    page.get_by_label("Quantity").fill("3")
    page.get_by_label("Price").fill("12.50")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Item “Claw hammer” created.")).to_be_visible()
    item_url = page.url
    steps.shot(page, "item-created")

    go_to(page, "Items")
    page.get_by_label("Search").fill("claw")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="Claw hammer")).to_be_visible()
    steps.shot(page, "found-by-search")

    page.get_by_role("link", name="Claw hammer").click()
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Price").fill("14.00")
    page.get_by_label("Quantity").fill("-4")
    page.get_by_role("button", name="Save").click()
    quantity_error = page.locator(".field-invalid", has=page.get_by_label("Quantity")).locator(".errorlist")
    expect(quantity_error).to_contain_text("greater than or equal to 0")
    expect(page.get_by_label("Price")).to_have_value("14.00")
    expect(page.get_by_label("Name")).to_have_value("Claw hammer")
    steps.shot(page, "validation-error-beside-field")

    page.get_by_label("Quantity").fill("4")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Item “Claw hammer” updated.")).to_be_visible()
    steps.shot(page, "item-edited")

    page.get_by_role("link", name="Tools").click()
    page.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("This category still has 1 item. Move or delete them first.")).to_be_visible()
    steps.shot(page, "non-empty-category-kept")

    page.goto(item_url)
    page.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Deleted ‘Claw hammer’.")).to_be_visible()
    expect(page.get_by_text("No items yet")).to_be_visible()
    steps.shot(page, "item-deleted")

    go_to(page, "Categories")
    page.get_by_role("link", name="Tools").click()
    page.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Category “Tools” deleted.")).to_be_visible()
    steps.shot(page, "category-deleted")

    log_out(page)
    expect(page.get_by_text("You have been logged out.")).to_be_visible()
    steps.shot(page, "logged-out")


def test_a_second_user_cannot_see_or_open_the_first_users_item(live_client, new_page, steps):
    base = live_client.url
    owner = new_page()
    register(owner, base, f"owner-{secrets.token_hex(3)}")
    owner.get_by_role("link", name="New item").click()
    owner.get_by_label("Name").fill("Private widget")
    owner.get_by_role("button", name="Save").click()
    expect(owner.get_by_text("Item “Private widget” created.")).to_be_visible()
    item_path = re.sub(r"^https?://[^/]+", "", owner.url)
    steps.shot(owner, "owner-created-item")

    stranger = new_page()
    register(stranger, base, f"stranger-{secrets.token_hex(3)}")
    expect(stranger.get_by_text("Private widget")).to_have_count(0)
    steps.shot(stranger, "stranger-list")
    response = stranger.goto(base + item_path)
    assert response.status == 404
    expect(stranger.get_by_role("heading", name="Not found")).to_be_visible()
    steps.shot(stranger, "stranger-gets-404")
