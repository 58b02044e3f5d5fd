"""The web client's bulk actions, CSV export and two-step import over real HTTP, against the real API."""

import csv
import io
import re

import pytest

from tests_live.browsing import Visitor
from tests_live.integration.test_inventory import create_category, create_item, row_names


@pytest.fixture
def visitor(live_client):
    """A freshly registered, logged-in user."""
    visitor = Visitor(live_client.url)
    visitor.register()
    return visitor


def ticked(visitor, *names, **extra):
    """Return what the items list posts with the rows named `names` ticked, read from the list page."""
    page = visitor.get("/items/?page_size=100").text
    data = {"csrfmiddlewaretoken": visitor.csrf_token(page), "next": "/items/", "ids": [], **extra}
    for pk, name in re.findall(r'<input type="hidden" name="name-(\d+)" value="([^"]+)">', page):
        if name in names:
            data["ids"].append(pk)
            data[f"version-{pk}"] = re.search(rf'name="version-{pk}" value="(\d+)"', page).group(1)
            data[f"name-{pk}"] = name
    assert len(data["ids"]) == len(names)
    return data


def post(visitor, path, data):
    visitor.page = visitor.http.post(visitor.base_url + path, data=data, timeout=15)
    return visitor.page


def quantities(visitor):
    page = visitor.get("/items/?page_size=100&ordering=name").text
    return dict(
        re.findall(
            r'<a href="/items/\d+/">([^<]+)</a></td>.*?data-label="Quantity" class="number">([\d,]+)<', page, re.S
        )
    )


def test_move_and_adjust_the_ticked_items(visitor):
    tools = create_category(visitor, "Tools")
    for name in ("Anvil", "Bolt", "Chisel"):
        create_item(visitor, name, quantity="3")

    step = post(visitor, "/items/bulk/move/", ticked(visitor, "Anvil", "Chisel"))
    assert "Move 2 items to a category" in visitor.text
    confirm = {**ticked(visitor, "Anvil", "Chisel"), "confirm": "1", "category": str(tools)}
    confirm["idempotency_key"] = re.search(r'name="idempotency_key" value="([^"]+)"', step.text).group(1)
    post(visitor, "/items/bulk/move/", confirm)
    assert visitor.messages() == ["Moved 2 items to ‘Tools’."]
    visitor.get(f"/items/?category={tools}")
    assert row_names(visitor) == ["Anvil", "Chisel"]

    refused = post(
        visitor,
        "/items/bulk/adjust/",
        {**ticked(visitor, "Anvil", "Bolt"), "confirm": "1", "direction": "remove", "amount": "5"},
    )
    assert refused.status_code == 400
    assert "Not enough stock" in visitor.text and 'value="5"' in visitor.text
    assert quantities(visitor) == {"Anvil": "3", "Bolt": "3", "Chisel": "3"}

    post(
        visitor,
        "/items/bulk/adjust/",
        {**ticked(visitor, "Anvil", "Bolt"), "confirm": "1", "direction": "add", "amount": "2"},
    )
    assert visitor.messages() == ["Added 2 to the quantity of 2 items."]
    assert quantities(visitor) == {"Anvil": "5", "Bolt": "5", "Chisel": "3"}


def test_bulk_delete_refuses_an_item_changed_since_the_list_then_goes_ahead_when_confirmed_again(visitor):
    hammer = create_item(visitor, "Hammer", price="10.00")
    create_item(visitor, "Saw")
    stale = {**ticked(visitor, "Hammer", "Saw"), "confirm": "1"}
    form = visitor.get(f"/items/{hammer}/edit/").text
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    visitor.submit(
        f"/items/{hammer}/edit/",
        {
            "name": "Hammer",
            "sku": "",
            "description": "",
            "category": "",
            "quantity": "0",
            "price": "11.00",
            "version": version,
        },
    )

    refused = post(visitor, "/items/bulk/delete/", stale)
    assert refused.status_code == 409
    assert "‘Hammer’ changed since the list was shown, so nothing was done." in visitor.text
    visitor.get("/items/")
    assert sorted(row_names(visitor)) == ["Hammer", "Saw"]

    again = {
        name: value for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', refused.text)
    }
    again["ids"] = re.findall(r'<input type="hidden" name="ids" value="(\d+)">', refused.text)
    post(visitor, "/items/bulk/delete/", again)
    assert visitor.messages() == ["Deleted 2 items."]
    assert row_names(visitor) == []


def test_export_edit_and_import_back_through_the_client(visitor):
    tools = create_category(visitor, "Tools")
    create_item(visitor, "Claw hammer", sku="HAM-1", category=str(tools), quantity="5", price="12.50")
    create_item(visitor, "Tape", sku="TAP-1", quantity="2", price="3.00")

    exported = visitor.http.get(visitor.base_url + "/items/export/?search=hammer", timeout=15, stream=True)
    assert exported.status_code == 200
    assert exported.headers["Content-Disposition"].startswith('attachment; filename="items-')
    rows = list(csv.DictReader(io.StringIO(exported.content.decode(), newline="")))
    assert [(row["sku"], row["category"], row["price"]) for row in rows] == [("HAM-1", "Tools", "12.50")]

    rows[0]["price"] = "14.00"
    rows.append({"sku": "LEV-1", "name": "Spirit level", "category": "Measuring", "quantity": "4", "price": "7.25"})
    edited = io.StringIO()
    writer = csv.DictWriter(edited, fieldnames=list(rows[0]), restval="")
    writer.writeheader()
    writer.writerows(rows)

    token = visitor.csrf_token(visitor.get("/items/import/").text)
    uploaded = visitor.http.post(
        visitor.base_url + "/items/import/",
        data={"csrfmiddlewaretoken": token},
        files={"file": ("items.csv", edited.getvalue().encode(), "text/csv")},
        timeout=15,
    )
    visitor.page = uploaded
    preview = visitor.path
    assert re.fullmatch(r"/items/import/[\w-]+/", preview), visitor.text
    assert "<dt>New items</dt><dd>1</dd>" in visitor.text and "<dt>Updated</dt><dd>1</dd>" in visitor.text
    assert '<span class="change-old">12.50</span> → 14.00' in visitor.text
    assert ">Import 2 items</button>" in visitor.text

    post(visitor, preview + "commit/", {"csrfmiddlewaretoken": visitor.csrf_token(visitor.text)})
    assert visitor.path == "/items/"
    assert visitor.messages() == ["Imported 2 items: 1 new, 1 updated; 1 new category."]
    assert sorted(row_names(visitor)) == ["Claw hammer", "Spirit level", "Tape"]
    assert "14.00" in visitor.get("/items/?search=HAM-1").text

    post(visitor, preview + "commit/", {"csrfmiddlewaretoken": visitor.csrf_token(visitor.get("/items/").text)})
    assert visitor.messages() == ["This import was already committed."]


def test_a_file_that_is_not_csv_is_refused_beside_the_field(visitor):
    token = visitor.csrf_token(visitor.get("/items/import/").text)
    visitor.page = visitor.http.post(
        visitor.base_url + "/items/import/",
        data={"csrfmiddlewaretoken": token},
        files={"file": ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "text/csv")},
        timeout=15,
    )
    assert visitor.page.status_code == 400
    assert visitor.field_errors() == [
        'The file is not UTF-8 text. Save it from your spreadsheet as "CSV UTF-8" and upload it again.'
    ]


def test_an_unknown_import_says_it_expired(visitor):
    assert visitor.get("/items/import/no-such-import/").status_code == 404
    assert "previews are kept for an hour" in visitor.text
