"""The OpenAPI schema and the docs pages that render it."""

import gzip
import re
from pathlib import Path

import pytest
from django.core.management import call_command

COMMITTED_SCHEMA = Path(__file__).resolve().parent.parent / "openapi.yaml"


def test_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/v1/items/{id}/" in (tmp_path / "schema.yaml").read_text()


def test_the_committed_schema_is_the_one_the_code_generates(tmp_path):
    call_command("spectacular", "--validate", "--file", str(tmp_path / "schema.yaml"))
    fresh = (tmp_path / "schema.yaml").read_text()
    assert COMMITTED_SCHEMA.read_text() == fresh, (
        "api_service/openapi.yaml is stale: the code now generates a different schema. "
        "Run `make schema` and commit api_service/openapi.yaml with your change."
    )


@pytest.mark.django_db
def test_operation_ids_name_the_path_after_the_version_then_the_action(client):
    schema = client.get("/api/schema/?format=json").json()
    ids = {(path, method): op["operationId"] for path, ops in schema["paths"].items() for method, op in ops.items()}
    assert ids[("/api/v1/items/", "get")] == "items_list"
    assert ids[("/api/v1/items/", "post")] == "items_create"
    assert ids[("/api/v1/items/{id}/", "get")] == "items_retrieve"
    assert ids[("/api/v1/items/{id}/", "put")] == "items_update"
    assert ids[("/api/v1/items/{id}/", "patch")] == "items_partial_update"
    assert ids[("/api/v1/items/{id}/", "delete")] == "items_destroy"
    assert ids[("/api/v1/auth/me/", "get")] == "auth_me_retrieve"


@pytest.mark.django_db
def test_an_operation_whose_path_names_its_action_is_named_by_the_path_alone(client):
    schema = client.get("/api/schema/?format=json").json()
    assert schema["paths"]["/api/v1/auth/login/"]["post"]["operationId"] == "auth_login"
    assert schema["paths"]["/api/v1/auth/register/"]["post"]["operationId"] == "auth_register"
    assert schema["paths"]["/api/v1/items/bulk/"]["post"]["operationId"] == "items_bulk"
    assert schema["paths"]["/api/v1/items/imports/{id}/commit/"]["post"]["operationId"] == "items_imports_commit"


@pytest.mark.django_db
def test_every_operation_has_a_unique_id_without_the_version_and_a_summary(client):
    schema = client.get("/api/schema/?format=json").json()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    ids = [op["operationId"] for op in operations]
    assert len(ids) == len(set(ids))
    assert not [operation_id for operation_id in ids if operation_id.startswith("v1")]
    assert not [op["operationId"] for op in operations if not op.get("summary")]


@pytest.mark.django_db
def test_resource_actions_are_summarised_in_words(client):
    schema = client.get("/api/schema/?format=json").json()
    assert schema["paths"]["/api/v1/items/"]["get"]["summary"] == "List items"
    assert schema["paths"]["/api/v1/items/{id}/"]["delete"]["summary"] == "Delete an item"
    assert schema["paths"]["/api/v1/categories/"]["post"]["summary"] == "Create a category"


@pytest.mark.django_db
def test_schema_documents_token_auth_and_if_match(client):
    schema = client.get("/api/schema/?format=json").json()
    assert schema["components"]["securitySchemes"]["knoxApiToken"]["type"] == "apiKey"
    patch = schema["paths"]["/api/v1/items/{id}/"]["patch"]
    assert "If-Match" in [p["name"] for p in patch["parameters"]]
    assert {"200", "400", "401", "404", "412"} <= set(patch["responses"])


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_only_local_assets(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    external = [url for url in re.findall(r'(?:src|href)=["\'](https?://[^"\']+)', html)]
    assert external == []
    assert "fonts.googleapis" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_let_the_browser_fetch_images_and_data_only_from_this_site(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    assert "img-src 'self' data:" in policy
    assert "connect-src 'self'" in policy


@pytest.mark.django_db
def test_swagger_ui_shows_no_third_party_validator_badge(client):
    assert '"validatorUrl": null' in client.get("/api/docs/").content.decode()


@pytest.mark.django_db
def test_every_operation_documents_the_servers_414(client):
    schema = client.get("/api/schema/?format=json").json()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert operations and all("414" in op["responses"] for op in operations)


@pytest.fixture
def schema(client, db):
    return client.get("/api/schema/?format=json").json()


def request_property(schema, component, name):
    return schema["components"]["schemas"][component]["properties"][name]


@pytest.mark.parametrize("component", ["CategoryRequest", "ItemRequest", "PatchedItemRequest"])
def test_names_are_documented_as_needing_a_character_that_is_not_whitespace(schema, component):
    pattern = request_property(schema, component, "name")["pattern"]
    assert re.search(pattern, "Hammer") and re.search(pattern, "  a ")
    assert not re.search(pattern, " \t ") and not re.search(pattern, "a\x00b")


@pytest.mark.django_db
@pytest.mark.parametrize("name", [" \t ", "a\x00b"])
def test_a_name_the_schema_refuses_is_refused_by_the_api(auth_client, name):
    assert auth_client.post("/api/v1/categories/", {"name": name}, format="json").status_code == 400


@pytest.mark.parametrize(
    ("component", "field"),
    [("RegisterRequest", "password"), ("PasswordChangeRequest", "new_password")]
    + [("PasswordResetConfirmRequest", "new_password")],
)
def test_new_passwords_are_documented_with_the_validators_length_and_not_only_digits(schema, component, field):
    described = request_property(schema, component, field)
    assert described["minLength"] == 8
    assert re.search(described["pattern"], "12345678a") and not re.search(described["pattern"], "12345678")


def test_page_numbers_and_sizes_are_documented_with_their_ranges(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/items/"]["get"]["parameters"]}
    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100}
    assert parameters["page"]["schema"]["minimum"] == 1
    assert parameters["cursor"]["allowEmptyValue"] is True


def test_the_import_documents_an_example_file(schema):
    upload = schema["paths"]["/api/v1/items/imports/"]["post"]["requestBody"]["content"]["text/csv"]
    assert upload["examples"]["TwoItems"]["value"].startswith("sku,name,")


@pytest.mark.django_db
def test_swaggers_authorize_dialog_offers_the_token_first_and_says_how_to_use_it(client):
    schemes = client.get("/api/schema/?format=json").json()["components"]["securitySchemes"]
    assert list(schemes) == ["knoxApiToken", "sessionCookie"]
    assert "`Authorization: Token <token>`" in schemes["knoxApiToken"]["description"]
    assert "POST /api/v1/auth/login/" in schemes["knoxApiToken"]["description"]
    assert "browsable API" in schemes["sessionCookie"]["description"]


@pytest.mark.django_db
def test_redoc_loads_its_bundle_from_this_site(client):
    html = client.get("/api/redoc/").content.decode()
    assert '<script src="/api/redoc/bundles/redoc.standalone.js">' in html


def test_the_redoc_bundle_draws_no_logo_from_a_cdn(client):
    response = client.get("/api/redoc/bundles/redoc.standalone.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    body = response.content
    assert b"cdn.redoc.ly" not in body
    assert b"API docs by Redocly" in body  # the rest of the bundle is Redoc's own


def test_the_redoc_bundle_is_gzipped_and_revalidated_with_its_etag(client):
    response = client.get("/api/redoc/bundles/redoc.standalone.js", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert b"API docs by Redocly" in gzip.decompress(response.content)
    assert "Accept-Encoding" in response["Vary"]
    again = client.get("/api/redoc/bundles/redoc.standalone.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
