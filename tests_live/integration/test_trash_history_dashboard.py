"""Undo, the trash, the item history and the dashboard through the web client, against the real API."""

import re
from datetime import datetime, timedelta

import pytest

from tests_live.browsing import Visitor
from tests_live.integration.test_bulk_and_csv_pages import post, ticked
from tests_live.integration.test_inventory import create_category, create_item, row_names


@pytest.fixture
def visitor(live_client):
    """A freshly registered, logged-in user."""
    visitor = Visitor(live_client.url)
    visitor.register()
    return visitor


def message_form(visitor) -> tuple[str, dict]:
    """Return the action and fields of the POST button beside the page's message (its Undo)."""
    form = re.search(
        r'<form method="post" action="([^"]+)" class="message-action">(.*?)</form>', visitor.page.text, re.S
    )
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(2)))
    return form.group(1), fields


def figure(visitor, name) -> str:
    return re.search(rf"<dt>{name}</dt><dd>([^<]+)</dd>", visitor.get("/").text).group(1)


def test_delete_then_undo_brings_the_item_back(visitor):
    item = create_item(visitor, "Claw hammer", sku="HAM-1")
    visitor.submit(f"/items/{item}/delete/", {"version": "1"}, form_path=f"/items/{item}/delete/")
    assert visitor.messages() == ["Deleted ‘Claw hammer’."]
    assert row_names(visitor) == []

    action, fields = message_form(visitor)
    assert action == f"/items/trash/{item}/restore/"
    post(visitor, action, fields)
    assert visitor.path == "/items/"
    assert visitor.messages() == ["Restored ‘Claw hammer’."]
    assert row_names(visitor) == ["Claw hammer"]


def test_bulk_delete_then_undo_brings_the_batch_back(visitor):
    for name in ("Anvil", "Bolt", "Chisel"):
        create_item(visitor, name)
    post(visitor, "/items/bulk/delete/", {**ticked(visitor, "Anvil", "Chisel"), "confirm": "1"})
    assert visitor.messages() == ["Deleted 2 items."]
    assert row_names(visitor) == ["Bolt"]

    action, fields = message_form(visitor)
    post(visitor, action, fields)
    assert visitor.messages() == ["Restored 2 items."]
    assert row_names(visitor) == ["Anvil", "Bolt", "Chisel"]


def test_the_trash_restores_and_deletes_for_good(visitor):
    keep = create_item(visitor, "Keep me", sku="K-1")
    junk = create_item(visitor, "Junk")
    for item in (keep, junk):
        visitor.submit(f"/items/{item}/delete/", {"version": "1"}, form_path=f"/items/{item}/delete/")
    trash = visitor.get("/items/trash/").text
    assert "Deleted items stay here for 30 days" in visitor.text
    assert "Keep me" in trash and "Junk" in trash
    # Each row's purge date is the API's own: its deletion time plus the 30 days.
    times = re.findall(
        r'data-label="Deleted"><time datetime="([^"]+)".*?data-label="Deleted for good"><time datetime="([^"]+)"',
        trash,
        re.S,
    )
    kept = [datetime.fromisoformat(purged) - datetime.fromisoformat(deleted) for deleted, purged in times]
    assert kept == [timedelta(days=30)] * 2

    post(
        visitor,
        f"/items/trash/{keep}/restore/",
        {"csrfmiddlewaretoken": visitor.csrf_token(trash), "next": "/items/trash/"},
    )
    assert visitor.messages() == ["Restored ‘Keep me’."]
    assert "Keep me" not in re.sub(r'<div class="messages".*?</div>\s*</div>', "", visitor.text, flags=re.S)

    visitor.submit(f"/items/trash/{junk}/delete/", {}, form_path=f"/items/trash/{junk}/delete/")
    assert visitor.messages() == ["Deleted ‘Junk’ for good."]
    assert "The trash is empty." in visitor.text
    assert visitor.get(f"/items/{keep}/").status_code == 200


def test_restoring_over_a_taken_sku_explains_and_keeps_the_item_in_the_trash(visitor):
    old = create_item(visitor, "Old hammer", sku="HAM-1")
    visitor.submit(f"/items/{old}/delete/", {"version": "1"}, form_path=f"/items/{old}/delete/")
    create_item(visitor, "New hammer", sku="HAM-1")
    trash = visitor.get("/items/trash/").text
    post(visitor, f"/items/trash/{old}/restore/", {"csrfmiddlewaretoken": visitor.csrf_token(trash)})
    assert visitor.path == "/items/trash/"
    assert any("HAM-1" in message for message in visitor.messages()), visitor.messages()
    assert "Old hammer" in visitor.text


def test_a_price_change_reads_as_a_line_of_the_items_history(visitor):
    item = create_item(visitor, "Claw hammer", price="12.50")
    form = visitor.get(f"/items/{item}/edit/").text
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    data = {"name": "Claw hammer", "sku": "", "description": "", "category": "", "quantity": "0"}
    visitor.submit(f"/items/{item}/edit/", {**data, "reorder_level": "0", "price": "13.00", "version": version})
    page = visitor.get(f"/items/{item}/").text
    assert re.search(
        r"</time> — user-\w+ changed price from 12\.50 to 13\.00 <span class=\"muted\">\(web\)</span>", page
    )
    assert re.search(r"</time> — user-\w+ created the item <span class=\"muted\">\(web\)</span>", page)


def test_the_dashboard_figures_follow_the_stock(visitor):
    tools = create_category(visitor, "Tools")
    create_item(visitor, "Claw hammer", category=str(tools), quantity="2", price="10.00")
    assert figure(visitor, "Stock value") == "20.00"
    assert '<desc id="chart-desc">Tools: 20.00 (1 items).</desc>' in visitor.text

    create_item(visitor, "Tape", quantity="0", price="3.00")
    assert figure(visitor, "Out of stock") == "1"
    assert '<a href="/items/' in visitor.text and "Tape</a>" in visitor.text

    post(
        visitor,
        "/items/bulk/adjust/",
        {**ticked(visitor, "Claw hammer"), "confirm": "1", "direction": "add", "amount": "3"},
    )
    assert figure(visitor, "Stock value") == "50.00"
    assert figure(visitor, "Units in stock") == "5"
    assert "changed <a href=" in visitor.text and "quantity from 2 to 5" in visitor.text
