"""Request ids, timing, API errors turned into pages, and what the client keeps locally."""

import logging

import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from tests.conftest import api_url

EMPTY = {"count": 0, "next": None, "previous": None, "results": []}


def test_request_id_is_returned_and_forwarded_to_the_api(logged_in_client, api):
    api.get(api_url("categories/"), json=EMPTY)
    api.get(api_url("items/"), json=EMPTY)
    response = logged_in_client.get("/items/", HTTP_X_REQUEST_ID="click-42")
    assert response["X-Request-ID"] == "click-42"
    assert {call.request.headers["X-Request-ID"] for call in api.calls} == {"click-42"}


@pytest.mark.django_db
def test_unsafe_request_id_is_replaced(client):
    assert client.get("/login/", HTTP_X_REQUEST_ID="a b")["X-Request-ID"] != "a b"


def test_server_timing_reports_app_and_api_time(logged_in_client, api, caplog):
    api.get(api_url("categories/"), json=EMPTY)
    api.get(api_url("items/"), json=EMPTY)
    with caplog.at_level(logging.INFO, logger="stockroom.request"):
        response = logged_in_client.get("/items/")
    assert response["Server-Timing"].startswith("app;dur=")
    assert ", api;dur=" in response["Server-Timing"]
    assert "api_ms=" in caplog.records[-1].getMessage()


def test_expired_token_logs_out_and_sends_to_login_with_next(logged_in_client, api):
    api.get(api_url("categories/"), status=401, json={"detail": "Invalid token."})
    response = logged_in_client.get("/items/?search=x")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=%2Fitems%2F%3Fsearch%3Dx"
    assert "_auth_user_id" not in logged_in_client.session
    page = logged_in_client.get(response["Location"]).content.decode()
    assert "Your session has expired. Please log in again." in page


def test_api_down_shows_the_unavailable_page(logged_in_client, api):
    api.get(api_url("categories/"), body=requests.ConnectionError())
    response = logged_in_client.get("/items/")
    assert response.status_code == 503
    assert "The Stockroom service is unavailable" in response.content.decode()


def test_api_throttling_shows_how_long_to_wait(logged_in_client, api):
    api.get(api_url("items/5/"), status=429, json={"detail": "x"}, headers={"Retry-After": "9"})
    response = logged_in_client.get("/items/5/")
    assert response.status_code == 429
    assert "9 seconds" in response.content.decode()


def test_anonymous_visitors_are_sent_to_login_with_next(client, db):
    assert client.get("/items/")["Location"] == "/login/?next=/items/"


def test_local_database_has_no_inventory_tables(db):
    tables = set(connection.introspection.table_names())
    assert not {t for t in tables if "item" in t or "categor" in t}


def test_shadow_users_never_hold_a_usable_password(logged_in_client, shadow_user):
    assert not any(user.has_usable_password() for user in get_user_model().objects.all())


def test_sessions_are_never_signed_cookies():
    assert "signed_cookies" not in settings.SESSION_ENGINE


def test_cookie_names_differ_from_the_apis():
    assert (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME) == ("stockroom_sessionid", "stockroom_csrftoken")


def test_token_never_appears_in_pages_or_logs(logged_in_client, api, caplog):
    from tests.conftest import TOKEN

    api.get(api_url("categories/"), json=EMPTY)
    api.get(api_url("items/"), json=EMPTY)
    with caplog.at_level(logging.DEBUG):
        html = logged_in_client.get("/items/").content.decode()
    assert TOKEN not in html
    assert TOKEN not in caplog.text
