"""Request ids, timing, and API errors turned into pages in one place (through a probe page, not inventory)."""

import html
import logging
import re

import pytest
import requests

from apiclient import save_token
from common.logging import RequestIdFilter
from tests.conftest import TOKEN, api_url

ME = api_url("auth/me/")
# An API answer that auth/me/ never gives, to show what the client does with the unexpected (a 500 from a bug, a
# proxy's 403 or 404).
UNEXPECTED = pytest.mark.outside_contract(reason="auth/me/ documents no such answer; the client must cope anyway")
ALICE = {"id": 1, "username": "alice", "email": "alice@example.com"}

pytestmark = pytest.mark.urls("tests.common.urls")


def test_request_id_is_returned_and_forwarded_to_the_api(logged_in_client, api):
    api.get(ME, json=ALICE)
    response = logged_in_client.get("/probe/", HTTP_X_REQUEST_ID="click-42")
    assert response["X-Request-ID"] == "click-42"
    assert api.calls[0].request.headers["X-Request-ID"] == "click-42"


def test_a_request_without_an_id_gets_a_fresh_one_that_the_api_also_sees(logged_in_client, api):
    api.get(ME, json=ALICE)
    response = logged_in_client.get("/probe/")
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert api.calls[0].request.headers["X-Request-ID"] == response["X-Request-ID"]


@pytest.mark.django_db
@pytest.mark.parametrize("unsafe", ["a b", "x" * 129, "id\u00e9", "<script>"])
def test_unsafe_request_id_is_replaced(client, unsafe):
    assert client.get("/login/", HTTP_X_REQUEST_ID=unsafe)["X-Request-ID"] != unsafe


def test_the_end_users_address_is_forwarded_to_the_api(logged_in_client, api):
    api.get(ME, json=ALICE)
    logged_in_client.get("/probe/", REMOTE_ADDR="198.51.100.23")
    assert api.calls[0].request.headers["X-Forwarded-For"] == "198.51.100.23"


def test_the_sessions_token_is_sent_to_the_api(logged_in_client, api):
    api.get(ME, json=ALICE)
    logged_in_client.get("/probe/")
    assert api.calls[0].request.headers["Authorization"] == f"Token {TOKEN}"


def test_server_timing_reports_app_and_api_time(logged_in_client, api):
    api.get(ME, json=ALICE)
    timing = logged_in_client.get("/probe/")["Server-Timing"]
    assert re.fullmatch(r"app;dur=\d+\.\d, api;dur=\d+\.\d", timing)


@pytest.mark.django_db
def test_a_page_without_api_calls_reports_zero_api_time(client):
    assert client.get("/login/")["Server-Timing"].endswith("api;dur=0.0")


def test_one_log_line_per_request_with_status_times_and_user(logged_in_client, api, shadow_user, caplog):
    api.get(ME, json=ALICE)
    with caplog.at_level(logging.INFO, logger="stockroom.request"):
        logged_in_client.get("/probe/")
    [line] = [record.getMessage() for record in caplog.records if record.name == "stockroom.request"]
    assert line.startswith("method=GET path=/probe/ status=200 duration_ms=")
    assert "api_ms=" in line and line.endswith(f"user_id={shadow_user.pk}")


def test_the_log_line_costs_no_session_or_user_query(logged_in_client, caplog, django_assert_num_queries):
    with caplog.at_level(logging.INFO, logger="stockroom.request"), django_assert_num_queries(0):
        response = logged_in_client.put("/logout/")  # refused (GET and POST only) before anything reads the session
    assert response.status_code == 405
    [line] = [record.getMessage() for record in caplog.records if record.name == "stockroom.request"]
    assert line.startswith("method=PUT path=/logout/ status=405") and line.endswith("user_id=-")


def test_log_records_carry_the_request_id_during_a_request(logged_in_client, api, caplog):
    api.get(ME, json=ALICE)
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.INFO, logger="stockroom.request"):
        logged_in_client.get("/probe/", HTTP_X_REQUEST_ID="trace-7")
    assert caplog.records[-1].request_id == "trace-7"


def test_log_records_outside_a_request_carry_a_dash():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "msg", None, None)
    RequestIdFilter().filter(record)
    assert record.request_id == "-"


def test_expired_token_logs_out_and_sends_to_login_with_next(logged_in_client, api):
    api.get(ME, status=401, json={"detail": "Invalid token."})
    response = logged_in_client.get("/probe/?search=x")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=%2Fprobe%2F%3Fsearch%3Dx"
    assert "_auth_user_id" not in logged_in_client.session
    assert "api_token" not in logged_in_client.session


def test_expired_token_explains_itself_on_the_login_page(logged_in_client, api):
    session = logged_in_client.session
    save_token(session, TOKEN, "2020-01-01T00:00:00Z")
    session.save()
    api.get(ME, status=401, json={"detail": "Token has expired."})
    page = logged_in_client.get("/probe/", follow=True).content.decode()
    assert "Your session has expired. Please log in again." in page


def test_a_token_revoked_before_its_expiry_says_the_session_was_ended_elsewhere(logged_in_client, api):
    api.get(ME, status=401, json={"detail": "Invalid token."})
    page = html.unescape(logged_in_client.get("/probe/", follow=True).content.decode())
    assert "You were signed out because this session was ended elsewhere" in page
    assert "Your session has expired" not in page
    assert "_auth_user_id" not in logged_in_client.session


def test_expired_token_on_a_post_returns_to_the_page_not_the_submission(logged_in_client, api):
    api.get(ME, status=401, json={"detail": "Invalid token."})
    assert logged_in_client.post("/probe/?x=1")["Location"] == "/login/?next=%2Fprobe%2F"


def test_api_down_shows_the_unavailable_page(logged_in_client, api):
    api.get(ME, body=requests.ConnectionError())
    response = logged_in_client.get("/probe/")
    html = response.content.decode()
    assert response.status_code == 503
    assert "The Stockroom service is unavailable" in html and "try again in a moment" in html


def test_api_timeout_shows_the_unavailable_page(logged_in_client, api):
    api.get(ME, body=requests.ReadTimeout())
    assert logged_in_client.get("/probe/").status_code == 503


@UNEXPECTED
def test_api_server_error_shows_the_unavailable_page_without_its_details(logged_in_client, api):
    api.get(ME, status=500, json={"detail": "Internal server error.", "request_id": "abc"})
    response = logged_in_client.get("/probe/")
    assert response.status_code == 503
    assert "Internal server error." not in response.content.decode()


@UNEXPECTED
def test_api_not_found_shows_the_404_page(logged_in_client, api):
    api.get(ME, status=404, json={"detail": "Not found."})
    response = logged_in_client.get("/probe/")
    assert response.status_code == 404
    assert "Not found" in response.content.decode()


@UNEXPECTED
def test_an_unexpected_api_answer_shows_a_plain_502_page(logged_in_client, api):
    api.get(ME, status=403, json={"detail": "You do not have permission to perform this action."})
    response = logged_in_client.get("/probe/")
    assert response.status_code == 502
    assert "could not complete this request" in response.content.decode()


def test_api_throttling_shows_how_long_to_wait(logged_in_client, api):
    api.get(ME, status=429, json={"detail": "x"}, headers={"Retry-After": "9"})
    response = logged_in_client.get("/probe/")
    assert response.status_code == 429
    assert "Please wait 9 seconds" in response.content.decode()


def test_api_throttling_without_retry_after_says_a_moment(logged_in_client, api):
    api.get(ME, status=429, json={"detail": "x"})
    assert "Please wait a moment" in logged_in_client.get("/probe/").content.decode()


def test_token_never_appears_in_pages_or_logs(logged_in_client, api, caplog):
    api.get(ME, json=ALICE)
    with caplog.at_level(logging.DEBUG):
        response = logged_in_client.get("/probe/")
    assert TOKEN not in response.content.decode()
    assert TOKEN not in caplog.text
    assert all(TOKEN not in value for _, value in response.items())
