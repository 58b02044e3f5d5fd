"""The OpenAPI schema and the docs pages that render it."""

import re

import pytest
from django.core.management import call_command


def test_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/v1/items/{id}/" in (tmp_path / "schema.yaml").read_text()


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
