"""The API alone over real HTTP: export items as CSV, edit the file as a spreadsheet would, import it back."""

import csv
import io
import secrets

import pytest
import requests


@pytest.fixture
def api(live_api):
    """A session logged in to the live API as a freshly registered user."""
    username = f"csv-{secrets.token_hex(4)}"
    password = "Sup3r-secret-pw"
    base = f"{live_api.url}/api/v1/"
    body = {"username": username, "email": f"{username}@example.com", "password": password}
    requests.post(base + "auth/register/", json=body, timeout=10).raise_for_status()
    login = requests.post(base + "auth/login/", json={"username": username, "password": password}, timeout=10)
    session = requests.Session()
    session.headers["Authorization"] = f"Token {login.json()['token']}"
    session.base = base
    return session


def call(session, method, path, expected, **kwargs):
    answer = session.request(method, session.base + path, timeout=30, **kwargs)
    assert answer.status_code == expected, answer.text
    return answer


def test_export_edit_in_a_spreadsheet_and_import_back(api):
    tools = call(api, "POST", "categories/", 201, json={"name": "Tools"}).json()
    hammer = call(
        api,
        "POST",
        "items/",
        201,
        json={"name": "Claw hammer", "sku": "HAM-1", "category": tools["id"], "price": "12.50"},
    ).json()
    call(api, "POST", "items/", 201, json={"name": "=SUM(A1:A9)", "sku": "F-1", "description": "-5 on sale"})

    exported = call(api, "GET", "items/export/", 200, params={"ordering": "name"}, stream=True)
    assert exported.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert exported.headers["Content-Disposition"].startswith('attachment; filename="items-')
    rows = list(csv.DictReader(io.StringIO(exported.content.decode(), newline="")))
    assert [(row["sku"], row["name"], row["category"]) for row in rows] == [
        ("F-1", "'=SUM(A1:A9)", ""),
        ("HAM-1", "Claw hammer", "Tools"),
    ]

    # The spreadsheet: a new price, a new row in a new category, saved with semicolons and a byte-order mark.
    rows[1]["price"] = "13.00"
    rows.append({"sku": "LEV-1", "name": "Level", "category": "Measuring", "quantity": "4", "price": "7.25"})
    edited = io.StringIO()
    writer = csv.DictWriter(edited, fieldnames=list(rows[0]), delimiter=";", restval="")
    writer.writeheader()
    writer.writerows(rows)
    upload = ("\ufeff" + edited.getvalue()).encode()

    report = call(api, "POST", "items/imports/", 201, data=upload, headers={"Content-Type": "text/csv"}).json()
    assert (report["create"], report["update"], report["unchanged"], report["error_count"]) == (1, 1, 1, 0)
    assert report["to_update"][0]["changes"] == {"price": ["12.50", "13.00"]}
    assert report["categories_to_create"] == ["Measuring"]
    assert call(api, "GET", f"items/imports/{report['id']}/", 200).json() == report

    result = call(api, "POST", f"items/imports/{report['id']}/commit/", 200).json()
    assert result == {"created": 1, "updated": 1, "unchanged": 1, "categories_created": 1}
    call(api, "POST", f"items/imports/{report['id']}/commit/", 409)

    items = {item["sku"]: item for item in call(api, "GET", "items/", 200).json()["results"]}
    assert (items["HAM-1"]["price"], items["HAM-1"]["version"]) == ("13.00", hammer["version"] + 1)
    assert (items["F-1"]["name"], items["F-1"]["description"], items["F-1"]["version"]) == (
        "=SUM(A1:A9)",
        "-5 on sale",
        1,
    )
    assert (items["LEV-1"]["category_name"], items["LEV-1"]["quantity"]) == ("Measuring", 4)


def test_bulk_move_then_delete_over_http(api):
    garden = call(api, "POST", "categories/", 201, json={"name": "Garden"}).json()
    ids = [call(api, "POST", "items/", 201, json={"name": f"Pot {n}"}).json()["id"] for n in range(30)]
    moved = call(api, "POST", "items/bulk/", 200, json={"action": "set_category", "ids": ids, "category": garden["id"]})
    assert moved.json()["count"] == 30
    stale = {str(ids[0]): 1}
    call(api, "POST", "items/bulk/", 412, json={"action": "delete", "ids": ids, "versions": stale})
    call(api, "POST", "items/bulk/", 200, json={"action": "delete", "ids": ids}, headers={"Idempotency-Key": "del-30"})
    assert call(api, "GET", "items/", 200).json()["count"] == 0


def test_an_oversized_upload_is_a_json_413_over_http(api):
    body = b"name,price\r\n" + b"x" * (11 * 1024 * 1024)
    answer = api.post(api.base + "items/imports/", data=body, headers={"Content-Type": "text/csv"}, timeout=30)
    assert answer.status_code == 413
    assert answer.json()["detail"].startswith("Request body too large")
