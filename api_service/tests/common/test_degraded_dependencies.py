"""When Redis or the database fails, the API answers cleanly instead of crashing."""

import logging
from unittest import mock

from django.db import OperationalError
from django.test import override_settings

# A Redis cache on a port where nothing listens: every cache call fails at once.
BROKEN_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@override_settings(CACHES=BROKEN_REDIS)
def test_throttled_endpoints_keep_serving_when_redis_is_down(auth_client, caplog):
    with caplog.at_level(logging.WARNING, logger="stockroom.throttling"):
        response = auth_client.get("/api/v1/items/")
    assert response.status_code == 200
    assert "Throttle cache unavailable" in caplog.text


@override_settings(CACHES=BROKEN_REDIS)
def test_login_keeps_working_when_redis_is_down(api_client, user):
    from tests.conftest import PASSWORD

    response = api_client.post("/api/v1/auth/login/", {"username": "alice", "password": PASSWORD}, format="json")
    assert response.status_code == 200


def test_database_errors_answer_503_json_with_retry_after(auth_client):
    # The lowest layer fails, as when PostgreSQL restarts: even the token lookup cannot run.
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("server closed")):
        response = auth_client.get("/api/v1/items/", HTTP_X_REQUEST_ID="db-down")
    assert response.status_code == 503
    assert response.json() == {"detail": "The database is unavailable. Please retry shortly.", "request_id": "db-down"}
    assert response["Retry-After"] == "5"


@override_settings(CACHES=BROKEN_REDIS)
def test_a_wrong_password_is_still_a_plain_400_when_redis_is_down(api_client, user):
    response = api_client.post("/api/v1/auth/login/", {"username": "alice", "password": "wrong"}, format="json")
    assert response.status_code == 400
