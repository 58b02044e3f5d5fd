"""Every page of the client at a phone's and a desktop's width, light and dark: screenshots to look at, no
sideways scroll, and no serious or critical axe-core violation, with a 198-character name in the data."""

import re
import secrets

from playwright.sync_api import expect

from tests_live.browser.actions import register

LONG_NAME = "Extra-long-name-" + "x" * 182  # 198 characters and no space: it must wrap, not widen the page


def create_item(page, base, name, **fields):
    page.goto(base + "/items/new/")
    page.get_by_label("Name").fill(name)
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"Item “{name}” created.")).to_be_visible()
    return re.sub(r"^https?://[^/]+", "", page.url)


def test_every_existing_page_looks_finished_at_both_widths(live_client, new_page, steps):
    base = live_client.url
    visitor = new_page()
    visitor.goto(base + "/login/")
    steps.look(visitor, "login")
    visitor.goto(base + "/register/")
    steps.look(visitor, "register")
    visitor.get_by_role("button", name="Register").click()
    expect(visitor.locator("[data-error-summary]")).to_be_focused()
    steps.look(visitor, "register-error-summary")

    page = new_page()
    register(page, base, f"design-{secrets.token_hex(3)}")
    steps.look(page, "items-empty")

    page.goto(base + "/categories/new/")
    page.get_by_label("Name").fill("Hand tools")
    page.get_by_role("button", name="Save").click()
    category_path = re.sub(r"^https?://[^/]+", "", page.url)
    steps.look(page, "category-detail")
    item_path = create_item(page, base, "Claw hammer", SKU="HAM-1", Quantity="1200", Price="1234.50")
    page.get_by_label("Quantity")  # the detail page has no such field: the save went through
    steps.look(page, "item-detail")
    create_item(page, base, LONG_NAME, Quantity="0", Price="3.00")
    steps.look(page, "item-detail-long-name")

    page.goto(base + "/items/")
    steps.look(page, "items-list")
    page.goto(base + "/items/?min_price=abc")
    steps.look(page, "items-list-filter-error")
    page.goto(base + "/categories/")
    steps.look(page, "categories-list")
    page.goto(base + category_path)
    steps.look(page, "category-detail-with-items")

    page.goto(base + item_path + "edit/")
    steps.look(page, "item-edit")
    page.get_by_label("Quantity").fill("-4")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    steps.look(page, "item-edit-error-summary")
    page.get_by_role("link", name="Quantity: Ensure this value is greater than or equal to 0.").click()
    expect(page.get_by_label("Quantity")).to_be_focused()

    page.goto(base + item_path + "delete/")
    steps.look(page, "item-confirm-delete")
    page.goto(base + category_path + "delete/")
    steps.look(page, "category-confirm-delete")
    page.goto(base + "/items/999999/")
    steps.look(page, "not-found")
    page.goto(base + "/logout/")
    steps.look(page, "logout-confirm")


def test_the_account_menu_opens_without_javascript_and_logs_out(live_client, browser, steps):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        register(page, live_client.url, f"nojs-{secrets.token_hex(3)}")
        expect(page.get_by_role("button", name="Log out")).to_be_hidden()
        page.locator(".account-menu > summary").click()
        steps.shot(page, "menu-open-without-javascript")
        page.get_by_role("button", name="Log out").click()
        expect(page.get_by_text("You have been logged out.")).to_be_visible()
        expect(page.get_by_role("button", name="Dismiss message")).to_have_count(0)
    finally:
        context.close()


def test_messages_can_be_dismissed_with_javascript(live_client, new_page):
    page = new_page()
    register(page, live_client.url, f"dismiss-{secrets.token_hex(3)}")
    message = page.get_by_text("Your account is ready.")
    expect(message).to_be_visible()
    page.get_by_role("button", name="Dismiss message").click()
    expect(message).to_have_count(0)
    expect(page.locator("#main")).to_be_focused()
