"""Request ids, the per-request log line and Server-Timing."""

import logging

import pytest


@pytest.mark.django_db
def test_a_sane_caller_request_id_is_echoed(api_client):
    response = api_client.get("/healthz", HTTP_X_REQUEST_ID="abc-123")
    assert response["X-Request-ID"] == "abc-123"


@pytest.mark.django_db
@pytest.mark.parametrize("sent", ["", "has space", "x" * 200, "bad\nline"])
def test_an_unsafe_request_id_is_replaced(api_client, sent):
    response = api_client.get("/healthz", HTTP_X_REQUEST_ID=sent)
    assert response["X-Request-ID"] != sent
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_every_response_has_server_timing(api_client):
    assert api_client.get("/api/v1/items/")["Server-Timing"].startswith("app;dur=")


def test_one_log_line_per_request_with_its_fields(auth_client, user, caplog):
    with caplog.at_level(logging.INFO, logger="stockroom.request"):
        response = auth_client.get("/api/v1/items/", HTTP_X_REQUEST_ID="trace-me")
    lines = [r for r in caplog.records if r.name == "stockroom.request"]
    assert len(lines) == 1
    message = lines[0].getMessage()
    for part in ["method=GET", "path=/api/v1/items/", "status=200", "duration_ms=", f"user_id={user.id}"]:
        assert part in message
    assert lines[0].request_id == "trace-me" == response["X-Request-ID"]


def test_tokens_never_appear_in_logs(auth_client, caplog):
    with caplog.at_level(logging.DEBUG):
        auth_client.get("/api/v1/items/")
    assert auth_client.token not in caplog.text
