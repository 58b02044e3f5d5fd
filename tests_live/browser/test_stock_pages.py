"""Issue 14's pages looked at like every other (phone and desktop, light and dark, the 198-character name present):
the dashboard, a delete's Undo message, the trash and an item's history."""

import re

from playwright.sync_api import expect

from tests_live.browser.test_items_list import stocked_page


def test_dashboard_trash_and_history_look_finished(live_api, live_client, new_page, steps):
    base = live_client.url
    page = stocked_page(live_api, live_client, new_page, 8)

    page.get_by_role("link", name="Item 03").click()
    item = re.sub(r"^https?://[^/]+", "", page.url)
    page.goto(base + item + "edit/")
    for label, value in {"Price": "99.00", "Quantity": "0"}.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Item “Item 03” updated.")).to_be_visible()
    steps.look(page, "item-detail-with-history")

    page.goto(base + item + "delete/")
    steps.look(page, "item-confirm-delete-to-trash")
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Deleted ‘Item 03’.")).to_be_visible()
    steps.look(page, "deleted-with-undo")

    page.goto(base + "/items/trash/")
    expect(page.get_by_role("cell", name="Item 03", exact=True)).to_be_visible()
    steps.look(page, "trash")

    page.goto(base + "/")
    steps.look(page, "dashboard")
