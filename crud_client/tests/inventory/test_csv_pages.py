"""CSV export streamed through from the API, and the two-step import: upload, preview, commit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import StreamingHttpResponse

from inventory.csv_views import UpstreamBody, import_summary
from tests.conftest import api_url, page_text
from tests.inventory.test_item_pages import ITEM, listing

CSV = b"sku,name,description,category,quantity,price,created_at,updated_at\r\nH-1,Hammer,,Tools,3,12.50,,\r\n"
REPORT = {
    "id": "imp-1",
    "status": "pending",
    "expires": "2026-11-28T15:02:00Z",
    "rows": 3,
    "create": 2,
    "update": 1,
    "unchanged": 0,
    "errors": [],
    "error_count": 0,
    "unknown_columns": [],
    "categories_to_create": ["Measuring"],
    "to_create": [
        {"line": 3, "sku": "LEV-1", "name": "Spirit level", "category": "Measuring", "quantity": 2, "price": "7.25"}
    ],
    "to_update": [
        {"line": 2, "id": 5, "sku": "H-1", "name": "Hammer", "changes": {"price": ["12.50", "14.00"]}},
    ],
}


def export_from_api(api, **headers):
    api.get(
        api_url("items/export/"),
        body=CSV,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="items-2026-11-28.csv"', **headers},
    )


def test_list_links_to_the_export_of_what_it_shows(logged_in_client, api, categories):
    api.get(api_url("items/"), json=listing([ITEM]))
    html = logged_in_client.get("/items/?search=ham&ordering=-price&page=2&page_size=50&select=all").content.decode()
    assert 'href="/items/export/?ordering=-price&amp;search=ham" download>Export CSV</a>' in html


def test_export_streams_the_apis_csv_through_with_its_file_name(logged_in_client, api, categories):
    export_from_api(api)
    response = logged_in_client.get("/items/export/?search=ham&ordering=-price")
    assert isinstance(response, StreamingHttpResponse)
    assert b"".join(response.streaming_content) == CSV
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="items-2026-11-28.csv"'
    assert response["Cache-Control"] == "private, no-store"


def test_export_sends_the_lists_filters_without_paging(logged_in_client, api, categories):
    export_from_api(api)
    logged_in_client.get("/items/export/?search=ham&category=2&in_stock=true&ordering=-price&page=3&page_size=50")
    params = api.calls[-1].request.params
    assert params == {"search": "ham", "category": "2", "in_stock": "true", "ordering": "-price"}


def test_export_with_invalid_filters_goes_back_to_the_list_which_names_them(logged_in_client, api, categories):
    response = logged_in_client.get("/items/export/?min_price=abc")
    assert response.status_code == 302 and response.url == "/items/?min_price=abc"
    assert [call for call in api.calls if "export" in call.request.url] == []


def test_export_refused_by_the_api_goes_back_to_the_list(logged_in_client, api, categories):
    api.get(api_url("items/export/"), status=400, json={"search": ["Use at most 10 words."]})
    response = logged_in_client.get("/items/export/?search=ham")
    assert response.status_code == 302 and response.url == "/items/?search=ham"


def test_export_needs_a_login(client):
    response = client.get("/items/export/")
    assert response.status_code == 302 and response.url.startswith("/login/")


class FakeUpstream:
    """An open API response: chunks to read and a connection to release."""

    closed = False

    def iter_content(self, size):
        yield from (b"a", b"b")

    def close(self):
        self.closed = True


def test_upstream_body_releases_the_api_connection_when_the_download_closes(db):
    upstream = FakeUpstream()
    response = StreamingHttpResponse(UpstreamBody(upstream))
    assert b"".join(response.streaming_content) == b"ab"
    response.close()
    assert upstream.closed


def test_template_is_a_csv_with_the_header_and_an_example(logged_in_client):
    response = logged_in_client.get("/items/import/template.csv")
    lines = response.content.decode().splitlines()
    assert response["Content-Disposition"] == 'attachment; filename="items-template.csv"'
    assert lines[0] == "sku,name,description,category,quantity,price" and len(lines) == 2


def test_import_page_has_a_file_field_and_the_template_link(logged_in_client):
    html = logged_in_client.get("/items/import/").content.decode()
    assert 'enctype="multipart/form-data"' in html and 'type="file" name="file"' in html
    assert 'href="/items/import/template.csv"' in html


def test_upload_sends_the_file_and_opens_its_preview(logged_in_client, api):
    api.post(api_url("items/imports/"), status=201, json=REPORT)
    response = logged_in_client.post("/items/import/", {"file": SimpleUploadedFile("items.csv", CSV, "text/csv")})
    assert response.status_code == 302 and response.url == "/items/import/imp-1/"
    request = api.calls[0].request
    body = request.body.read() if hasattr(request.body, "read") else request.body
    assert body == CSV and request.headers["Content-Type"] == "text/csv"


def test_a_file_the_api_cannot_read_is_refused_beside_the_field(logged_in_client, api):
    message = "The file is not a CSV text file (it holds binary data)."
    api.post(api_url("items/imports/"), status=400, json={"detail": message})
    response = logged_in_client.post("/items/import/", {"file": SimpleUploadedFile("x.csv", b"\x00\x01", "text/csv")})
    assert response.status_code == 400
    assert f'<ul class="errorlist" id="id_file_error"><li>{message}</li></ul>' in page_text(response)


def test_a_file_too_large_for_the_api_is_refused_beside_the_field(logged_in_client, api):
    api.post(api_url("items/imports/"), status=413, json={"detail": "The file is larger than 10 MB."})
    response = logged_in_client.post("/items/import/", {"file": SimpleUploadedFile("x.csv", CSV, "text/csv")})
    assert response.status_code == 400
    assert "The file is larger than 10 MB." in page_text(response)


def test_a_file_larger_than_the_setting_is_refused_without_sending_it(logged_in_client, api, settings):
    settings.CLIENT_MAX_IMPORT_BYTES = 10
    response = logged_in_client.post("/items/import/", {"file": SimpleUploadedFile("x.csv", CSV, "text/csv")})
    assert response.status_code == 400
    assert "The file is larger than 10\xa0bytes" in page_text(response)
    assert len(api.calls) == 0


def test_upload_without_a_file_asks_for_one(logged_in_client, api):
    response = logged_in_client.post("/items/import/", {})
    assert response.status_code == 400 and "There is a problem" in page_text(response)
    assert len(api.calls) == 0


def test_upload_while_the_api_is_down_says_so(logged_in_client, api):
    api.post(api_url("items/imports/"), status=503, json={"detail": "Down."})
    response = logged_in_client.post("/items/import/", {"file": SimpleUploadedFile("x.csv", CSV, "text/csv")})
    assert response.status_code == 503 and "unavailable" in page_text(response)


def test_preview_shows_counts_changes_and_a_button_naming_how_many(logged_in_client, api):
    api.get(api_url("items/imports/imp-1/"), json=REPORT)
    text = page_text(logged_in_client.get("/items/import/imp-1/"))
    assert "<dt>New items</dt><dd>2</dd>" in text and "<dt>Updated</dt><dd>1</dd>" in text
    assert '<span class="change-old">12.50</span> → 14.00' in text
    assert "Spirit level" in text and "Measuring" in text
    assert '<form method="post" action="/items/import/imp-1/commit/"' in text
    assert ">Import 3 items</button>" in text
    assert "Importing adds 2 new items and updates 1 of yours, and creates the category Measuring: all of it" in text


def test_preview_with_errors_lists_them_by_line_and_offers_no_import(logged_in_client, api):
    errors = [{"line": 7, "field": "price", "message": "A valid number is required."}]
    api.get(api_url("items/imports/imp-1/"), json={**REPORT, "errors": errors, "error_count": 1201})
    text = page_text(logged_in_client.get("/items/import/imp-1/"))
    assert "The file has 1,201 errors" in text
    assert 'Line 7</td><td data-label="Column">price</td><td data-label="Problem">A valid number is required.' in text
    assert "The first 1 of 1,201." in text
    assert "/commit/" not in text


def test_preview_with_nothing_to_do_says_so(logged_in_client, api):
    api.get(api_url("items/imports/imp-1/"), json={**REPORT, "create": 0, "update": 0, "unchanged": 3})
    text = page_text(logged_in_client.get("/items/import/imp-1/"))
    assert "Nothing to import" in text and "/commit/" not in text


def test_an_expired_preview_says_what_to_do(logged_in_client, api):
    api.get(api_url("items/imports/old/"), status=404, json={"detail": "Not found."})
    response = logged_in_client.get("/items/import/old/")
    assert response.status_code == 404
    assert "previews are kept for an hour" in page_text(response)
    assert 'href="/items/import/"' in page_text(response)


def test_commit_goes_to_the_list_saying_what_it_did_with_a_link_to_import_more(logged_in_client, api, categories):
    api.post(
        api_url("items/imports/imp-1/commit/"),
        json={"created": 2, "updated": 1, "unchanged": 0, "categories_created": 1},
    )
    api.get(api_url("items/"), json=listing([ITEM]))
    response = logged_in_client.post("/items/import/imp-1/commit/", follow=True)
    text = page_text(response)
    assert response.redirect_chain == [("/items/", 302)]
    assert "Imported 3 items: 2 new, 1 updated; 1 new category." in text
    assert '<a class="message-action" href="/items/import/">Import another file</a>' in text


def test_commit_after_the_items_changed_shows_the_fresh_preview(logged_in_client, api):
    body = {"detail": "Your items changed since the preview; check the new preview.", "report": REPORT}
    api.post(api_url("items/imports/imp-1/commit/"), status=409, json=body)
    api.get(api_url("items/imports/imp-1/"), json=REPORT)
    response = logged_in_client.post("/items/import/imp-1/commit/", follow=True)
    assert response.redirect_chain == [("/items/import/imp-1/", 302)]
    assert "Your items changed since this preview, so nothing was imported." in page_text(response)


def test_committing_twice_says_it_was_done(logged_in_client, api):
    api.post(api_url("items/imports/imp-1/commit/"), status=409, json={"detail": "This import was already committed."})
    response = logged_in_client.post("/items/import/imp-1/commit/")
    assert response.status_code == 302 and response.url == "/items/"


def test_committing_an_expired_import_says_what_to_do(logged_in_client, api):
    api.post(api_url("items/imports/imp-1/commit/"), status=404, json={"detail": "Not found."})
    response = logged_in_client.post("/items/import/imp-1/commit/")
    assert response.status_code == 404 and "Upload the file again" in page_text(response)


def test_committing_an_import_with_errors_goes_back_to_its_preview(logged_in_client, api):
    api.post(api_url("items/imports/imp-1/commit/"), status=400, json={"detail": "The import has errors."})
    response = logged_in_client.post("/items/import/imp-1/commit/")
    assert response.status_code == 302 and response.url == "/items/import/imp-1/"


@pytest.mark.parametrize(
    ("result", "text"),
    [
        ({"created": 1, "updated": 0}, "Imported 1 item: 1 new, 0 updated."),
        (
            {"created": 1000, "updated": 2, "categories_created": 2},
            "Imported 1,002 items: 1,000 new, 2 updated; 2 new categories.",
        ),
    ],
)
def test_import_summary_counts_in_words(result, text):
    assert import_summary(result) == text


def test_an_import_that_made_categories_forgets_the_saved_category_list(logged_in_client, api, categories):
    session = logged_in_client.session
    session["category_choices"] = {"at": 9e12, "choices": [[2, "Tools"]]}
    session.save()
    result = {"created": 1, "updated": 0, "unchanged": 0, "categories_created": 1}
    api.post(api_url("items/imports/imp-1/commit/"), json=result)
    logged_in_client.post("/items/import/imp-1/commit/")
    assert "category_choices" not in logged_in_client.session
