"""CSV import, step one: an upload is read, validated and previewed, and writes no item."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from inventory.models import Category, Item, ItemImport

URL = "/api/v1/items/imports/"
HEADER = "sku,name,description,category,quantity,price"


def upload(client, text, content_type="text/csv"):
    body = text.encode() if isinstance(text, str) else text
    return client.generic("POST", URL, body, content_type=content_type)


def csv_of(*lines):
    return "\r\n".join(lines) + "\r\n"


def test_preview_counts_what_the_commit_would_do_and_writes_no_item(auth_client, user, make_item):
    make_item(user, "Claw hammer", sku="HAM-1", quantity=3, price=Decimal("12.50"))
    make_item(user, "Saw", sku="SAW-1", quantity=1, price=Decimal("20.00"))
    response = upload(
        auth_client,
        csv_of(HEADER, "HAM-1,Claw hammer,,,3,13.00", "SAW-1,Saw,,,1,20.00", "NEW-1,Level,,Tools,2,5.50"),
    )
    assert response.status_code == 201
    report = response.json()
    assert (report["status"], report["rows"], report["create"], report["update"], report["unchanged"]) == (
        "pending",
        3,
        1,
        1,
        1,
    )
    assert report["errors"] == [] and report["error_count"] == 0
    assert report["categories_to_create"] == ["Tools"]
    assert report["to_create"] == [
        {"line": 4, "sku": "NEW-1", "name": "Level", "category": "Tools", "quantity": 2, "price": "5.50"}
    ]
    hammer = Item.objects.get(sku="HAM-1")
    assert report["to_update"] == [
        {"line": 2, "id": hammer.id, "sku": "HAM-1", "name": "Claw hammer", "changes": {"price": ["12.50", "13.00"]}}
    ]
    assert Item.objects.count() == 2 and not Category.objects.exists()
    assert hammer.price == Decimal("12.50")


def test_the_report_says_when_it_expires_an_hour_later(auth_client, db):
    before = timezone.now()
    report = upload(auth_client, csv_of(HEADER, "A,Anvil,,,1,1.00")).json()
    expires = ItemImport.objects.get(pk=report["id"]).expires_at
    assert timedelta(minutes=59) < expires - before <= timedelta(hours=1, seconds=5)
    assert report["expires"].startswith(expires.strftime("%Y-%m-%dT%H:%M"))


def test_headers_may_come_in_any_order_and_any_case(auth_client, db):
    report = upload(auth_client, csv_of(" Price ,NAME,Sku", "4.00,Anvil,ANV-1")).json()
    assert report["to_create"][0] == {
        "line": 2,
        "sku": "ANV-1",
        "name": "Anvil",
        "category": None,
        "quantity": 0,
        "price": "4.00",
    }


def test_unknown_columns_are_reported_and_ignored(auth_client, db):
    report = upload(auth_client, csv_of("name,colour,id,,price", "Anvil,red,7,,4.00")).json()
    assert report["unknown_columns"] == ["colour", "id"]
    assert (report["create"], report["error_count"]) == (1, 0)


def test_the_exports_own_file_imports_as_unchanged(auth_client, user, make_item, make_category):
    tools = make_category(user, "Tools")
    make_item(user, "Claw hammer", sku="HAM-1", category=tools, quantity=3, description='Two\nlines, "quoted"')
    make_item(user, "=1+1", sku="@SKU", description="-minus")
    exported = b"".join(auth_client.get("/api/v1/items/export/").streaming_content)
    report = upload(auth_client, exported).json()
    assert (report["rows"], report["unchanged"], report["create"], report["update"]) == (2, 2, 0, 0)
    assert report["unknown_columns"] == [] and report["error_count"] == 0


def test_formula_cells_round_trip_from_export_to_import(auth_client, other_client, user, make_item):
    # (No leading tab or carriage return: the item serializer trims whitespace, on an import as on any write.)
    names = ['=HYPERLINK("http://x")', "+1", "-1", "@A1", "=\tTab", "'=quoted", "'plain"]
    for n, name in enumerate(names):
        make_item(user, name, sku=f"S{n}", description=name)
    exported = b"".join(auth_client.get("/api/v1/items/export/").streaming_content)
    imported = upload(other_client, exported).json()
    assert imported["create"] == len(names)
    other_client.post(f"{URL}{imported['id']}/commit/")
    copied = Item.objects.exclude(owner=user)
    assert sorted(copied.values_list("name", "description")) == sorted((name, name) for name in names)


def test_a_utf8_byte_order_mark_is_accepted(auth_client, db):
    report = upload(auth_client, "\ufeff".encode() + csv_of(HEADER, ",Café crème,,,1,2.00").encode()).json()
    assert report["to_create"][0]["name"] == "Café crème"
    assert report["to_create"][0]["sku"] == ""


def test_semicolons_between_cells_are_detected(auth_client, db):
    report = upload(auth_client, csv_of("sku;name;price", "A-1;Anvil, heavy;4.00")).json()
    assert report["to_create"][0]["name"] == "Anvil, heavy"
    assert report["to_create"][0]["price"] == "4.00"


def test_a_declared_charset_is_honoured(auth_client, db):
    body = csv_of("name,price", "Crème,1.00").encode("cp1252")
    response = upload(auth_client, body, content_type="text/csv; charset=windows-1252")
    assert response.json()["to_create"][0]["name"] == "Crème"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8"),
        (b"\xff\xfe\x00n\x00a", "not UTF-8"),
        (b'{"name": "Anvil", "price": "4.00"}', "header"),
        (b"hello world\nthis is a letter\n", "header"),
        (b"name,price\n\x00,1", "binary"),
        (b'name,price\n"Anvil,1.00\n', "not valid CSV"),
        (b"name,name\nA,B\n", "more than once"),
        (b"\r\n\r\n", "empty"),
    ],
)
def test_a_body_that_is_not_a_csv_of_items_is_400_saying_why(auth_client, db, body, message):
    response = upload(auth_client, body)
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not ItemImport.objects.exists()


def test_an_empty_body_is_400(auth_client, db):
    response = upload(auth_client, b"")
    assert response.status_code == 400
    assert "Content-Type: text/csv" in response.json()["detail"]


def test_another_content_type_is_415(auth_client, db):
    response = auth_client.post(URL, {"name": "Anvil"}, format="json")
    assert response.status_code == 415


def test_a_file_over_the_import_limit_is_a_json_413(auth_client, db, settings):
    settings.MAX_IMPORT_BYTES = 1000
    response = upload(auth_client, csv_of(HEADER, *[f"S{n},Item {n},,,1,1.00" for n in range(100)]))
    assert response.status_code == 413
    assert response.json() == {"detail": "Request body too large: the limit is 1000 bytes."}


def test_a_file_over_the_json_body_limit_but_within_the_import_limit_is_read(auth_client, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = upload(auth_client, csv_of(HEADER, *[f"S{n},Item {n},,,1,1.00" for n in range(100)]))
    assert (response.status_code, response.json()["create"]) == (201, 100)


def test_other_routes_keep_the_json_body_limit(auth_client, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = auth_client.post("/api/v1/items/", {"name": "x" * 2000}, format="json")
    assert response.status_code == 413


def test_row_errors_name_the_line_the_column_and_the_problem(auth_client, db):
    report = upload(
        auth_client,
        csv_of(HEADER, "A,Anvil,,,1,cheap", ',"Multi', 'line",,,1,1.00', "B,,,,1,1.00", "C,Clamp,,,-3,1.00"),
    ).json()
    assert report["errors"] == [
        {"line": 2, "field": "price", "message": "A valid number is required."},
        {"line": 5, "field": "name", "message": "This field may not be blank."},
        {"line": 6, "field": "quantity", "message": "Ensure this value is greater than or equal to 0."},
    ]
    assert (report["rows"], report["create"], report["error_count"]) == (4, 1, 3)
    assert report["to_create"][0]["line"] == 3


def test_the_item_serializers_own_rules_apply_to_rows(auth_client, db):
    long_name = "x" * 201
    report = upload(auth_client, csv_of("name,price", f"{long_name},1.00", "Anvil,100000000.00")).json()
    assert [(error["line"], error["field"]) for error in report["errors"]] == [(2, "name"), (3, "price")]
    assert "200 characters" in report["errors"][0]["message"]


def test_two_rows_with_one_sku_are_an_error_on_the_second(auth_client, db):
    report = upload(auth_client, csv_of(HEADER, "A,Anvil,,,1,1.00", "A,Axe,,,1,1.00")).json()
    assert report["errors"] == [{"line": 3, "field": "sku", "message": "Line 2 has this SKU too."}]


def test_a_row_with_more_cells_than_columns_is_an_error(auth_client, db):
    report = upload(auth_client, csv_of("name,price", "Anvil,1.00,surprise")).json()
    assert report["errors"][0]["line"] == 2 and report["errors"][0]["field"] is None


def test_blank_lines_and_rows_of_empty_cells_are_skipped(auth_client, db):
    report = upload(auth_client, csv_of(HEADER, "", ",,,,,", "A,Anvil,,,1,1.00", "")).json()
    assert (report["rows"], report["create"]) == (1, 1)


def test_a_row_short_of_trailing_cells_reads_them_as_empty(auth_client, db):
    report = upload(auth_client, csv_of(HEADER, "A,Anvil")).json()
    assert report["to_create"][0] == {
        "line": 2,
        "sku": "A",
        "name": "Anvil",
        "category": None,
        "quantity": 0,
        "price": "0.00",
    }


def test_an_empty_number_cell_leaves_an_existing_value_alone(auth_client, user, make_item):
    make_item(user, "Anvil", sku="A", quantity=7)
    report = upload(auth_client, csv_of("sku,quantity,price", "A,,")).json()
    assert report["unchanged"] == 1


def test_a_new_item_without_a_name_column_is_an_error(auth_client, user, make_item):
    make_item(user, "Anvil", sku="A")
    report = upload(auth_client, csv_of("sku,price", "A,1.00", "B,2.00")).json()
    assert (report["update"], report["create"]) == (1, 0)
    assert report["errors"] == [{"line": 3, "field": "name", "message": "A new item needs a name."}]


def test_categories_match_existing_ones_in_any_case(auth_client, user, make_category):
    make_category(user, "Tools")
    report = upload(auth_client, csv_of("name,category", "Anvil,tools", "Axe,Garden", "Hoe,GARDEN")).json()
    assert report["categories_to_create"] == ["Garden"]


def test_a_category_change_shows_the_names(auth_client, user, make_item, make_category):
    make_item(user, "Anvil", sku="A", category=make_category(user, "Tools"))
    report = upload(auth_client, csv_of("sku,category", "A,Garden")).json()
    assert report["to_update"][0]["changes"] == {"category": ["Tools", "Garden"]}


def test_another_users_skus_do_not_match(auth_client, other_user, make_item):
    make_item(other_user, "Theirs", sku="A")
    report = upload(auth_client, csv_of(HEADER, "A,Mine,,,1,1.00")).json()
    assert (report["create"], report["update"]) == (1, 0)


def test_read_the_report_again(auth_client, db):
    report = upload(auth_client, csv_of(HEADER, "A,Anvil,,,1,1.00")).json()
    again = auth_client.get(f"{URL}{report['id']}/")
    assert (again.status_code, again.json()) == (200, report)


def test_another_users_import_is_404(auth_client, other_client, db):
    report = upload(auth_client, csv_of(HEADER, "A,Anvil,,,1,1.00")).json()
    assert other_client.get(f"{URL}{report['id']}/").status_code == 404


def test_an_expired_import_is_404(auth_client, db):
    report = upload(auth_client, csv_of(HEADER, "A,Anvil,,,1,1.00")).json()
    ItemImport.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert auth_client.get(f"{URL}{report['id']}/").status_code == 404


def test_expired_imports_are_deleted_by_the_next_upload(auth_client, other_client, db):
    upload(other_client, csv_of(HEADER, "A,Anvil,,,1,1.00"))
    ItemImport.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    upload(auth_client, csv_of(HEADER, "A,Anvil,,,1,1.00"))
    assert ItemImport.objects.count() == 1


def test_a_user_keeps_their_ten_latest_imports(auth_client, db):
    first = upload(auth_client, csv_of(HEADER, "A,Anvil,,,1,1.00")).json()
    for _ in range(10):
        upload(auth_client, csv_of(HEADER, "A,Anvil,,,1,1.00"))
    assert ItemImport.objects.count() == 10
    assert auth_client.get(f"{URL}{first['id']}/").status_code == 404


def test_import_needs_a_token(api_client, db):
    assert upload(api_client, csv_of(HEADER, "A,Anvil,,,1,1.00")).status_code == 401


@pytest.mark.parametrize("path", ["", "some-id/", "some-id/commit/"])
def test_options_on_the_import_routes_answers_json(auth_client, db, path):
    response = auth_client.options(f"{URL}{path}")
    assert (response.status_code, response["Content-Type"]) == (200, "application/json")
