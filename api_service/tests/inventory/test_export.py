"""CSV export: what the list shows, streamed, RFC 4180, formula cells neutralised, errors still JSON."""

import csv
import io
from decimal import Decimal

import pytest
from django.http import StreamingHttpResponse
from django.utils import timezone
from rest_framework.settings import api_settings

URL = "/api/v1/items/export/"
HEADER = ["sku", "name", "description", "category", "quantity", "price", "created_at", "updated_at"]


def rows_of(response):
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text, newline="")))


def test_export_is_a_dated_csv_attachment(auth_client, db):
    response = auth_client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="items-{today}.csv"'
    assert rows_of(response) == [HEADER]


def test_each_item_is_a_row_with_its_category_by_name(auth_client, user, make_item, make_category):
    item = make_item(user, "Claw hammer", sku="HAM-1", category=make_category(user, "Tools"), quantity=3)
    detail = auth_client.get(f"/api/v1/items/{item.id}/").json()
    assert rows_of(auth_client.get(URL))[1] == [
        "HAM-1",
        "Claw hammer",
        "",
        "Tools",
        "3",
        "9.99",
        detail["created_at"],
        detail["updated_at"],
    ]


def test_lines_end_with_crlf_and_quote_only_where_needed(auth_client, user, make_item):
    make_item(user, 'Say "hi", twice', description="line one\nline two")
    text = b"".join(auth_client.get(URL).streaming_content).decode()
    assert text.startswith(",".join(HEADER) + "\r\n")
    assert ',"Say ""hi"", twice","line one\nline two",,' in text


def test_export_has_the_lists_filters_search_and_ordering(auth_client, user, make_item):
    make_item(user, "Cheap saw", price=Decimal("5.00"), quantity=1)
    make_item(user, "Dear saw", price=Decimal("50.00"), quantity=1)
    make_item(user, "Dear hammer", price=Decimal("60.00"), quantity=1)
    make_item(user, "Empty saw", price=Decimal("70.00"), quantity=0)
    response = auth_client.get(URL, {"search": "saw", "min_price": "10", "in_stock": "true", "ordering": "-price"})
    assert [row[1] for row in rows_of(response)[1:]] == ["Dear saw"]
    names = [row[1] for row in rows_of(auth_client.get(URL, {"ordering": "-price"}))[1:]]
    assert names == ["Empty saw", "Dear hammer", "Dear saw", "Cheap saw"]


def test_export_has_only_the_callers_items(auth_client, user, other_user, make_item):
    make_item(user, "Mine")
    make_item(other_user, "Theirs")
    assert [row[1] for row in rows_of(auth_client.get(URL))[1:]] == ["Mine"]


@pytest.mark.parametrize(
    ("name", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("'=already quoted", "''=already quoted"),
        ("Plain", "Plain"),
        ("'plain quote", "'plain quote"),
    ],
)
def test_formula_cells_are_neutralised(auth_client, user, make_item, name, cell):
    make_item(user, name, sku=name, description=name)
    row = rows_of(auth_client.get(URL))[1]
    assert (row[0], row[1], row[2]) == (cell, cell, cell)


def test_a_formula_category_name_is_neutralised(auth_client, user, make_item, make_category):
    make_item(user, category=make_category(user, "=cmd"))
    assert rows_of(auth_client.get(URL))[1][3] == "'=cmd"


def test_an_unknown_filter_is_a_json_400(auth_client, db):
    response = auth_client.get(URL, {"colour": "red"}, HTTP_ACCEPT="text/csv")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"colour": ["Unknown query parameter."]}


def test_an_invalid_filter_value_is_a_json_400(auth_client, db):
    response = auth_client.get(URL, {"min_price": "cheap"})
    assert response.status_code == 400
    assert "min_price" in response.json()


@pytest.mark.parametrize("query", [{"search": " ".join(["word"] * 11)}, {"max_price": ""}])
def test_the_lists_own_limits_on_the_query_apply(auth_client, db, query):
    response = auth_client.get(URL, query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_without_a_token_it_is_a_json_401(api_client, db):
    response = api_client.get(URL, HTTP_ACCEPT="text/csv")
    assert response.status_code == 401
    assert response.json()["detail"]


@pytest.mark.parametrize("accept", ["text/csv", "*/*", "text/*", "text/csv, application/json;q=0.5"])
def test_requests_accepting_csv_get_it(auth_client, db, accept):
    assert auth_client.get(URL, HTTP_ACCEPT=accept).status_code == 200


def test_a_request_that_cannot_accept_csv_is_a_json_406(auth_client, db):
    response = auth_client.get(URL, HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"


def test_the_export_is_throttled_like_every_call(auth_client, db, monkeypatch):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "user": "2/min"}
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates)
    statuses = [auth_client.get(URL).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_options_describes_the_export_in_json(auth_client, db):
    response = auth_client.options(URL)
    assert (response.status_code, response["Content-Type"]) == (200, "application/json")


def test_a_method_the_export_does_not_take_is_a_json_405(auth_client, db):
    response = auth_client.generic("TRACE", URL)
    assert (response.status_code, response["Content-Type"]) == (405, "application/json")


def test_rows_are_read_in_chunks_not_all_at_once(auth_client, user, make_item, monkeypatch):
    from inventory import exports

    monkeypatch.setattr(exports, "CHUNK_ROWS", 2)
    for n in range(5):
        make_item(user, f"Item {n}")
    pieces = list(auth_client.get(URL, {"ordering": "name"}).streaming_content)
    assert len(pieces) == 1 + 3  # the header, then chunks of 2, 2 and 1 rows
    assert b"Item 4" in pieces[-1]
