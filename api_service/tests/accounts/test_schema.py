"""The OpenAPI schema documents every account operation, its body and each of its answers."""

import pytest

OPERATIONS = {
    ("/api/v1/auth/me/", "patch"): ("auth_me_partial_update", {"200", "400", "401"}),
    ("/api/v1/auth/me/", "delete"): ("auth_me_destroy", {"204", "400", "401", "429"}),
    ("/api/v1/auth/password/change/", "post"): ("auth_password_change", {"204", "400", "401", "429"}),
    ("/api/v1/auth/sessions/", "get"): ("auth_sessions_list", {"200", "400", "401", "404"}),
    ("/api/v1/auth/sessions/{id}/", "delete"): ("auth_sessions_destroy", {"204", "401", "404"}),
    ("/api/v1/auth/password/reset/", "post"): ("auth_password_reset", {"202", "400", "429"}),
    ("/api/v1/auth/password/reset/check/", "post"): ("auth_password_reset_check", {"204", "400", "429"}),
    ("/api/v1/auth/password/reset/confirm/", "post"): ("auth_password_reset_confirm", {"204", "400", "429"}),
}


@pytest.fixture
def schema(client, db):
    return client.get("/api/schema/?format=json").json()


@pytest.mark.parametrize(("path", "method"), list(OPERATIONS), ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_each_account_operation_has_a_readable_id_and_documents_its_answers(schema, path, method):
    operation_id, codes = OPERATIONS[(path, method)]
    operation = schema["paths"][path][method]
    assert operation["operationId"] == operation_id
    assert codes <= set(operation["responses"])


def request_schema(schema, path, method):
    ref = schema["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def test_account_deletion_documents_its_password_body(schema):
    body = request_schema(schema, "/api/v1/auth/me/", "delete")
    assert body["required"] == ["password"]


def test_the_reset_confirmation_documents_uid_token_and_new_password(schema):
    body = request_schema(schema, "/api/v1/auth/password/reset/confirm/", "post")
    assert set(body["required"]) == {"uid", "token", "new_password"}


def test_a_session_is_documented_field_by_field(schema):
    session = schema["components"]["schemas"]["Session"]
    assert set(session["properties"]) == {"id", "created", "expiry", "last_used", "user_agent", "ip", "current"}
    assert session["properties"]["current"]["type"] == "boolean"
    assert session["properties"]["ip"]["nullable"] is True


def test_the_login_429_is_documented(schema):
    assert "429" in schema["paths"]["/api/v1/auth/login/"]["post"]["responses"]
