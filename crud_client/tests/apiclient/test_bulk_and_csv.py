"""The items' bulk, export and import verbs send the API's contract and report its failures by meaning."""

import io
import json

import pytest

from apiclient import ApiClient, ApiConflict, ApiNotFound, ApiPreconditionFailed, ApiValidationError
from tests.api_payloads import import_report, import_result
from tests.conftest import api_url

CSV = b"sku,name\r\nHAM-1,Claw hammer\r\n"


def test_bulk_posts_the_action_ids_and_versions_with_an_idempotency_key(api):
    api.post(api_url("items/bulk/"), json={"action": "delete", "count": 2, "items": [{"id": 1, "version": 3}]})
    ApiClient(token="t").items.bulk("delete", [1, 2], versions={1: 3, 2: 1}, idempotency_key="k-1")
    request = api.calls[0].request
    assert json.loads(request.body) == {"action": "delete", "ids": [1, 2], "versions": {"1": 3, "2": 1}}
    assert request.headers["Idempotency-Key"] == "k-1"


def test_bulk_move_sends_the_category_even_when_it_is_none(api):
    api.post(api_url("items/bulk/"), json={"action": "set_category", "count": 1, "items": []})
    ApiClient(token="t").items.bulk("set_category", [4], category=None)
    assert json.loads(api.calls[0].request.body) == {"action": "set_category", "ids": [4], "category": None}


def test_bulk_adjust_sends_the_delta(api):
    api.post(api_url("items/bulk/"), json={"action": "adjust_quantity", "count": 1, "items": []})
    ApiClient(token="t").items.bulk("adjust_quantity", [4], delta=-2)
    assert json.loads(api.calls[0].request.body) == {"action": "adjust_quantity", "ids": [4], "delta": -2}


def test_bulk_with_a_stale_version_is_a_precondition_failure_with_the_current_versions(api):
    api.post(api_url("items/bulk/"), status=412, json={"detail": "Changed.", "current": {"4": 9}})
    with pytest.raises(ApiPreconditionFailed) as caught:
        ApiClient(token="t").items.bulk("delete", [4], versions={4: 8})
    assert caught.value.current == {"4": 9}


def test_export_streams_the_csv_with_the_lists_filters(api):
    api.get(
        api_url("items/export/"),
        body=CSV,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="items-2026-11-28.csv"'},
    )
    upstream = ApiClient(token="t").items.export(search="ham", ordering="-price", category="")
    try:
        assert b"".join(upstream.iter_content(4)) == CSV
        assert upstream.headers["Content-Disposition"] == 'attachment; filename="items-2026-11-28.csv"'
    finally:
        upstream.close()
    request = api.calls[0].request
    assert request.params == {"search": "ham", "ordering": "-price"}
    assert request.headers["Accept"] == "text/csv"


def test_export_failure_is_raised_as_its_meaning(api):
    api.get(api_url("items/export/"), status=400, json={"category": ["Select a valid choice."]})
    with pytest.raises(ApiValidationError) as caught:
        ApiClient(token="t").items.export(category=99)
    assert caught.value.field_errors == {"category": ["Select a valid choice."]}


def test_export_is_timed_until_the_answer_begins(api):
    api.get(api_url("items/export/"), body=CSV, content_type="text/csv")
    spent = []
    ApiClient(token="t", timing=spent.append).items.export().close()
    assert len(spent) == 1 and spent[0] >= 0


def test_import_upload_sends_the_file_as_text_csv(api):
    api.post(api_url("items/imports/"), status=201, json=import_report())
    report = ApiClient(token="t").item_imports.upload(io.BytesIO(CSV))
    request = api.calls[0].request
    assert report == import_report()
    assert request.headers["Content-Type"] == "text/csv"
    body = request.body.read() if hasattr(request.body, "read") else request.body
    assert body == CSV


def test_import_get_and_commit_use_the_imports_own_paths(api):
    api.get(api_url("items/imports/abc/"), json=import_report())
    api.post(api_url("items/imports/abc/commit/"), json=import_result())
    imports = ApiClient(token="t").item_imports
    assert imports.get("abc") == import_report()
    assert imports.commit("abc") == import_result()


@pytest.mark.outside_contract(reason="an id the schema's pattern refuses, as a tampered URL gives", requests=True)
def test_import_id_is_quoted_into_one_path_segment(api):
    api.get(api_url("items/imports/a%2F..%2Fb/"), status=404, json={"detail": "Not found."})
    with pytest.raises(ApiNotFound):
        ApiClient(token="t").item_imports.get("a/../b")
    assert api.calls[0].request.url == api_url("items/imports/a%2F..%2Fb/")


def test_commit_of_a_changed_import_carries_the_fresh_report(api):
    body = {"detail": "Your items changed since the preview; check the new preview.", "report": import_report()}
    api.post(api_url("items/imports/abc/commit/"), status=409, json=body)
    with pytest.raises(ApiConflict) as caught:
        ApiClient(token="t").item_imports.commit("abc")
    assert caught.value.data["report"] == import_report()
    assert caught.value.detail == body["detail"]


def test_an_expired_import_is_not_found(api):
    api.get(api_url("items/imports/old/"), status=404, json={"detail": "Not found."})
    with pytest.raises(ApiNotFound):
        ApiClient(token="t").item_imports.get("old")
