"""Working with many items in a real browser: import a CSV file with its preview, tick rows, move, adjust, export
and delete them, each page looked at on a phone and a desktop, light and dark."""

import secrets

from playwright.sync_api import expect

from tests_live.browser.actions import register

CSV = (
    "sku,name,description,category,quantity,price\n"
    "HAM-1,Claw hammer,16 oz steel head,Tools,5,12.50\n"
    "SAW-1,Panel saw,,Tools,2,18.00\n"
    "TAP-1,Tape measure,5 m,Measuring,0,4.75\n"
    "LEV-1,Spirit level,,Measuring,3,7.25\n"
)


def test_import_then_tick_move_adjust_export_and_delete(live_client, new_page, steps):
    base = live_client.url
    page = new_page()
    register(page, base, f"bulk-{secrets.token_hex(3)}")
    expect(page.get_by_text("No items yet", exact=True)).to_be_visible()

    page.get_by_role("link", name="Import CSV").first.click()
    expect(page.get_by_role("heading", name="Import items from a CSV file")).to_be_visible()
    steps.look(page, "import-upload")
    page.get_by_label("CSV file").set_input_files({"name": "items.csv", "mimeType": "text/csv", "buffer": CSV.encode()})
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    steps.look(page, "import-preview")

    page.get_by_role("button", name="Import 4 items").click()
    expect(page.get_by_text("Imported 4 items: 4 new, 0 updated; 2 new categories.")).to_be_visible()
    steps.look(page, "imported")

    bar = page.locator("[data-bulk-bar]")
    expect(bar.get_by_role("button", name="Delete…")).to_be_hidden()
    page.get_by_label("Select Claw hammer").check()
    page.get_by_label("Select Panel saw").check()
    expect(bar.get_by_text("2 selected on this page")).to_be_visible()
    steps.look(page, "two-ticked")

    bar.get_by_role("button", name="Move to category…").click()
    expect(page.get_by_role("heading", name="Move 2 items to a category")).to_be_visible()
    steps.look(page, "move")
    page.get_by_label("Move to").select_option(label="Measuring")
    page.get_by_role("button", name="Move 2 items").click()
    expect(page.get_by_text("Moved 2 items to ‘Measuring’.")).to_be_visible()

    bar.get_by_role("link", name="Select all on this page").click()
    expect(bar.get_by_text("4 selected on this page")).to_be_visible()
    bar.get_by_role("button", name="Adjust quantity…").click()
    page.get_by_label("Take away from the quantity").check()
    page.get_by_label("By how many").fill("1")
    page.get_by_role("button", name="Adjust 4 items").click()
    expect(page.get_by_role("link", name="By how many: Not enough stock: Tape measure")).to_be_visible()
    steps.look(page, "adjust-refused")
    page.get_by_label("Add to the quantity").check()
    page.get_by_role("button", name="Adjust 4 items").click()
    expect(page.get_by_text("Added 1 to the quantity of 4 items.")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    exported = download.value
    assert exported.suggested_filename.startswith("items-") and exported.suggested_filename.endswith(".csv")
    lines = open(exported.path(), encoding="utf-8").read().splitlines()
    assert lines[0] == "sku,name,description,category,quantity,price,created_at,updated_at" and len(lines) == 5

    page.get_by_label("Select Tape measure").check()
    page.get_by_label("Select Spirit level").check()
    bar.get_by_role("button", name="Delete…").click()
    expect(page.get_by_role("heading", name="Delete 2 items?")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Tape measure")).to_be_visible()
    steps.look(page, "delete-confirm")
    page.get_by_role("button", name="Delete 2 items").click()
    expect(page.get_by_text("Deleted 2 items.")).to_be_visible()
    expect(page.get_by_role("link", name="Tape measure")).to_have_count(0)
    steps.look(page, "deleted")
