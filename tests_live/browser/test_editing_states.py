"""The states an edit can end in, looked at in a browser (phone and desktop, light and dark), and keyboard-only walks
of creating and editing an item with the focus visible at every step."""

import re
import secrets

from playwright.sync_api import expect

from tests_live.browser.actions import register
from tests_live.browser.test_page_design import LONG_NAME, create_item

FOCUSED = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
  return {text: (e.innerText || e.getAttribute("aria-label") || "").trim(), label: label.trim(),
          ring: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2};
}"""


def tab_to(page, name, *, limit=40):
    """Press Tab until the control named `name` (by its text or label) has focus; its focus ring must show."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if name in (focused["text"], focused["label"]):
            assert focused["ring"], f"{name} has focus but no visible focus ring"
            return
    raise AssertionError(f"{name} never got focus in {limit} presses of Tab")


def tab_and_type(page, label, text):
    """Tab to the field labelled `label` and replace its value by typing `text`."""
    tab_to(page, label)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def path_of(page):
    return re.sub(r"^https?://[^/]+", "", page.url)


def test_edit_outcomes_look_finished(live_client, new_page, steps):
    base = live_client.url
    page = new_page()
    register(page, base, f"states-{secrets.token_hex(3)}")
    create_item(page, base, LONG_NAME, Quantity="0", Price="3.00")
    item = create_item(page, base, "Claw hammer", SKU="HAM-1", Quantity="12", Price="1234.50")

    page.goto(base + item + "edit/")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("No changes to save in item “Claw hammer”.")).to_be_visible()
    steps.look(page, "no-changes-to-save")

    # Two tabs of one person: the second changes the price while the first edits the name.
    other = page.context.new_page()
    page.goto(base + item + "edit/")
    other.goto(base + item + "edit/")
    other.get_by_label("Price").fill("1300.00")
    other.get_by_role("button", name="Save").click()
    expect(other.get_by_text("Item “Claw hammer” updated.")).to_be_visible()
    page.get_by_label("Name").fill("Claw hammer, 16 oz")
    page.get_by_role("button", name="Save").click()
    conflict = page.get_by_role("alert").filter(has_text="Someone else changed this item since you opened it")
    expect(conflict).to_be_visible()
    changed = conflict.locator("tr.differs th")
    expect(changed).to_have_count(2)
    expect(changed.first).to_contain_text("Changed")
    steps.look(page, "conflict")

    page.goto(base + item + "edit/")
    other.goto(base + item + "delete/")
    other.get_by_role("button", name="Delete").click()
    expect(other.get_by_text("Item “Claw hammer” deleted.")).to_be_visible()
    page.get_by_label("Quantity").fill("40")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("This item was deleted, perhaps in another tab")).to_be_visible()
    expect(page.get_by_label("Quantity")).to_have_value("40")
    expect(page.get_by_label("Name")).to_have_value("Claw hammer")
    steps.look(page, "edited-item-was-deleted")
    page.get_by_role("button", name="Save as a new item").click()
    expect(page.get_by_text("Item “Claw hammer” created.")).to_be_visible()
    expect(page.get_by_text("40", exact=True)).to_be_visible()

    page.goto(base + "/categories/?search=paint")
    expect(page.get_by_text("No categories match “paint”")).to_be_visible()
    steps.look(page, "categories-search-without-hits")
    page.goto(base + "/categories/")
    steps.look(page, "categories-empty")


def test_keyboard_only_create_and_edit_with_visible_focus(live_client, new_page, steps):
    base = live_client.url
    page = new_page()
    register(page, base, f"keys-{secrets.token_hex(3)}")

    page.goto(base + "/items/")
    tab_to(page, "New item")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="New item")).to_be_visible()
    tab_and_type(page, "Name", "Tape measure")
    tab_and_type(page, "Quantity", "5")
    tab_and_type(page, "Price", "8.75")
    tab_to(page, "Save")
    steps.shot(page, "create-save-focused")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Item “Tape measure” created.")).to_be_visible()
    item = path_of(page)

    tab_to(page, "Edit")
    steps.shot(page, "edit-link-focused")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Edit “Tape measure”")).to_be_visible()
    tab_and_type(page, "Quantity", "-1")
    tab_to(page, "Save")
    page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    steps.shot(page, "error-summary-focused")
    tab_to(page, "Quantity: Ensure this value is greater than or equal to 0.", limit=3)
    page.keyboard.press("Enter")
    expect(page.get_by_label("Quantity")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("7")
    tab_to(page, "Save")
    steps.shot(page, "fixed-save-focused")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Item “Tape measure” updated.")).to_be_visible()
    assert path_of(page) == item
