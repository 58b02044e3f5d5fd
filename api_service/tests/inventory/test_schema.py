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
