"""Mistakes are recoverable and changes visible, in a real browser: delete and undo, bulk delete and undo, restore
from the trash, read a price change in the item's history, and watch the dashboard's figures and chart move."""

import secrets

from playwright.sync_api import expect

from tests_live.browser.actions import go_to, register

CSV = (
    "sku,name,category,quantity,price\n"
    "HAM-1,Claw hammer,Tools,5,12.50\n"
    "SAW-1,Panel saw,Tools,2,18.00\n"
    "TAP-1,Tape measure,Measuring,0,4.75\n"
    "LEV-1,Spirit level,Measuring,3,7.25\n"
)


def import_items(page):
    page.get_by_role("link", name="Import CSV").first.click()
    page.get_by_label("CSV file").set_input_files({"name": "items.csv", "mimeType": "text/csv", "buffer": CSV.encode()})
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_role("button", name="Import 4 items").click()
    expect(page.get_by_text("Imported 4 items")).to_be_visible()


def test_delete_undo_trash_history_and_dashboard(live_client, new_page, steps):
    base = live_client.url
    page = new_page()
    username = f"undo-{secrets.token_hex(3)}"
    register(page, base, username)
    import_items(page)

    page.get_by_role("link", name="Claw hammer").click()
    page.get_by_role("link", name="Delete").click()
    expect(page.get_by_text("It goes to the trash: you can undo the delete or restore it from there.")).to_be_visible()
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Deleted ‘Claw hammer’.")).to_be_visible()
    expect(page.get_by_role("link", name="Claw hammer")).to_have_count(0)
    steps.look(page, "deleted-with-undo")
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_text("Restored ‘Claw hammer’.")).to_be_visible()
    expect(page.get_by_role("link", name="Claw hammer", exact=True)).to_be_visible()

    bar = page.locator("[data-bulk-bar]")
    page.get_by_label("Select Panel saw").check()
    page.get_by_label("Select Spirit level").check()
    bar.get_by_role("button", name="Delete…").click()
    page.get_by_role("button", name="Delete 2 items").click()
    expect(page.get_by_text("Deleted 2 items.")).to_be_visible()
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_text("Restored 2 items.")).to_be_visible()
    expect(page.get_by_role("link", name="Panel saw")).to_be_visible()

    page.get_by_role("link", name="Tape measure").click()
    page.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Delete").click()
    go_to(page, "Trash")
    expect(page.get_by_text("Deleted items stay here for 30 days")).to_be_visible()
    expect(page.get_by_role("cell", name="Tape measure", exact=True)).to_be_visible()
    steps.look(page, "trash")
    page.get_by_role("button", name="Restore Tape measure").click()
    expect(page.get_by_text("Restored ‘Tape measure’.")).to_be_visible()
    expect(page.get_by_text("The trash is empty.")).to_be_visible()

    go_to(page, "Items")
    page.get_by_role("link", name="Claw hammer").click()
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Price").fill("13.00")
    page.get_by_label("Reorder level").fill("6")
    page.get_by_role("button", name="Save").click()
    history = page.locator(".history")
    expect(
        history.get_by_text(f"{username} changed price from 12.50 to 13.00 and reorder level from 0 to 6")
    ).to_be_visible()
    expect(page.get_by_text("Low stock", exact=True)).to_be_visible()
    steps.look(page, "item-history")

    page.get_by_role("link", name="Stockroom").click()
    expect(page.get_by_role("heading", name="Your stock")).to_be_visible()
    value = page.locator(".figure", has_text="Stock value").locator("dd")
    expect(value).to_have_text("122.75")
    expect(page.locator("svg.chart title")).to_have_text("Stock value by category")
    expect(page.locator(".low-stock").get_by_role("link", name="Claw hammer")).to_be_visible()
    steps.look(page, "dashboard")

    go_to(page, "Items")
    page.get_by_label("Select Spirit level").check()
    bar.get_by_role("button", name="Adjust quantity…").click()
    page.get_by_label("By how many").fill("10")
    page.get_by_role("button", name="Adjust ‘Spirit level’").click()
    page.get_by_role("link", name="Stockroom").click()
    expect(value).to_have_text("195.25")
    expect(page.locator(".history").get_by_text("quantity from 3 to 13")).to_be_visible()
