"""The inventory endpoints' OpenAPI description: concurrency headers, error bodies, filters."""

import pytest


@pytest.fixture
def schema(client, db):
    return client.get("/api/schema/?format=json").json()


def test_detail_responses_document_the_etag_header(schema):
    item = schema["paths"]["/api/v1/items/{id}/"]
    for method in ("get", "put", "patch"):
        assert "ETag" in item[method]["responses"]["200"]["headers"]
    assert "ETag" in schema["paths"]["/api/v1/items/"]["post"]["responses"]["201"]["headers"]


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_precondition_failed_carries_the_current_object(schema, method):
    response = schema["paths"]["/api/v1/categories/{id}/"][method]["responses"]["412"]
    body = response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert schema["components"]["schemas"][body]["properties"]["current"]["$ref"].endswith("/Category")
    assert "ETag" in response["headers"]


def test_category_delete_documents_the_conflict(schema):
    assert "409" in schema["paths"]["/api/v1/categories/{id}/"]["delete"]["responses"]


def test_item_filters_have_types(schema):
    params = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/items/"]["get"]["parameters"]}
    assert params["category"]["type"] == "integer"
    assert params["min_price"]["type"] == params["max_price"]["type"] == "number"
    assert params["in_stock"]["enum"] == ["false", "true"]
    assert "-price" in params["ordering"]["items"]["enum"]


def test_item_ordering_documents_sku_and_category_with_blanks_last(schema):
    ordering = next(p for p in schema["paths"]["/api/v1/items/"]["get"]["parameters"] if p["name"] == "ordering")
    assert {"sku", "-sku", "category", "-category"} <= set(ordering["schema"]["items"]["enum"])
    assert "come last in both directions" in ordering["description"]


def test_export_documents_csv_with_the_lists_filters_and_json_errors(schema):
    export = schema["paths"]["/api/v1/items/export/"]["get"]
    assert list(export["responses"]["200"]["content"]) == ["text/csv"]
    assert "Content-Disposition" in export["responses"]["200"]["headers"]
    assert {"400", "401", "406", "429"} <= set(export["responses"])
    assert all(list(export["responses"][code]["content"]) == ["application/json"] for code in ("400", "401", "429"))
    names = {parameter["name"] for parameter in export["parameters"]}
    assert {"category", "min_price", "max_price", "in_stock", "search", "ordering"} <= names
    assert not {"page", "page_size", "cursor"} & names


def test_bulk_documents_its_body_idempotency_and_every_answer(schema):
    bulk = schema["paths"]["/api/v1/items/bulk/"]["post"]
    assert "Idempotency-Key" in [parameter["name"] for parameter in bulk["parameters"]]
    assert {"200", "400", "401", "412", "413", "415", "422", "429"} <= set(bulk["responses"])
    body = bulk["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert schema["components"]["schemas"][body]["properties"]["action"]


def test_import_upload_documents_a_csv_body_and_its_limits(schema):
    upload = schema["paths"]["/api/v1/items/imports/"]["post"]
    assert list(upload["requestBody"]["content"]) == ["text/csv"]
    assert {"201", "400", "401", "413", "415", "429"} <= set(upload["responses"])


def test_import_commit_documents_the_conflicts(schema):
    commit = schema["paths"]["/api/v1/items/imports/{id}/commit/"]["post"]
    assert {"200", "400", "404", "409"} <= set(commit["responses"])
    assert "requestBody" not in commit


def test_bulk_documents_errors_by_position_in_a_list(schema):
    errors = schema["paths"]["/api/v1/items/bulk/"]["post"]["responses"]["400"]["content"]["application/json"]
    shapes = errors["schema"]["additionalProperties"]["anyOf"]
    assert {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}} in shapes


def test_the_trash_list_documents_its_retention_and_each_items_purge_time(schema):
    page = schema["paths"]["/api/v1/items/trash/"]["get"]["responses"]["200"]["content"]["application/json"]
    body = schema["components"]["schemas"][page["schema"]["$ref"].rsplit("/", 1)[-1]]
    assert body["properties"]["retention_days"]["type"] == "integer"
    assert "retention_days" in body["required"]
    purge_at = schema["components"]["schemas"]["TrashedItem"]["properties"]["purge_at"]
    assert (purge_at["format"], purge_at["readOnly"]) == ("date-time", True)
