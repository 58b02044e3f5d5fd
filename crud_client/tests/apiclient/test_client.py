"""`api_client_for(request)`: the session's token, the request's id and address, and time spent in the API."""

import pytest
import requests
from django.contrib.sessions.backends.db import SessionStore

from apiclient import ApiClient, ApiUnavailable, api_client_for, save_token
from tests.api_payloads import item, login, user
from tests.conftest import api_url

ME = api_url("auth/me/")


@pytest.fixture
def request_(rf, db):
    request = rf.get("/", REMOTE_ADDR="192.0.2.44")
    request.session = SessionStore()
    save_token(request.session, "tok-1")
    request.request_id = "rid-9"
    request.api_time = 0.0
    return request


def test_calls_carry_the_sessions_token_the_request_id_and_the_users_address(api, request_):
    api.get(ME, json=user())
    api_client_for(request_).auth.me()
    headers = api.calls[0].request.headers
    assert headers["Authorization"] == "Token tok-1"
    assert headers["X-Request-ID"] == "rid-9"
    assert headers["X-Forwarded-For"] == "192.0.2.44"
    assert headers["Accept"] == "application/json"


def test_without_token_sends_no_authorization_even_when_the_session_has_one(api, request_):
    api.post(api_url("auth/login/"), json=login())
    api_client_for(request_, with_token=False).auth.login(username="a", password="b")
    assert "Authorization" not in api.calls[0].request.headers
    assert api.calls[0].request.headers["X-Request-ID"] == "rid-9"


def test_an_anonymous_session_sends_no_authorization(api, request_):
    request_.session.flush()
    api.post(api_url("auth/password/reset/"), status=202, json={"detail": "If an account has this address…"})
    api_client_for(request_).auth.request_password_reset("a@example.com")
    assert "Authorization" not in api.calls[0].request.headers


def test_time_in_api_calls_adds_up_on_the_request(api, request_, monkeypatch):
    clock = iter([10.0, 10.25, 20.0, 20.5])
    monkeypatch.setattr("apiclient.client.time.perf_counter", lambda: next(clock))
    api.get(ME, json=user())
    client = api_client_for(request_)
    client.auth.me()
    client.auth.me()
    assert request_.api_time == 0.75


def test_failed_calls_count_towards_api_time(api, request_, monkeypatch):
    clock = iter([1.0, 3.0])
    monkeypatch.setattr("apiclient.client.time.perf_counter", lambda: next(clock))
    api.get(ME, body=requests.ConnectionError())
    with pytest.raises(ApiUnavailable):
        api_client_for(request_).auth.me()
    assert request_.api_time == 2.0


def test_every_call_carries_the_browsers_user_agent(api, request_):
    request_.META["HTTP_USER_AGENT"] = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"
    api.get(ME, json=user())
    api_client_for(request_).auth.me()
    assert api.calls[0].request.headers["X-Forwarded-User-Agent"] == "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"


def test_an_absurdly_long_user_agent_is_cut_short(api, request_):
    request_.META["HTTP_USER_AGENT"] = "A" * 10_000
    api.get(ME, json=user())
    api_client_for(request_).auth.me()
    assert len(api.calls[0].request.headers["X-Forwarded-User-Agent"]) == 512


@pytest.mark.parametrize(
    ("method", "path", "status", "answer"),
    [("POST", "items/", 201, item()), ("PUT", "items/1/", 200, item()), ("PATCH", "items/1/", 200, item())]
    + [("DELETE", "items/1/", 204, None)],
)
def test_writes_from_the_web_app_say_so(api, request_, method, path, status, answer):
    api.add(method, api_url(path), status=status, json=answer)
    api_client_for(request_).call(method, path, json={"name": "x"} if method != "DELETE" else None)
    assert api.calls[0].request.headers["X-Change-Source"] == "web"


def test_reads_carry_no_change_source(api, request_):
    api.get(ME, json=user())
    api_client_for(request_).auth.me()
    assert "X-Change-Source" not in api.calls[0].request.headers


def test_a_client_made_outside_the_web_app_names_no_source_or_browser(api):
    api.post(api_url("items/"), status=201, json=item())
    ApiClient(token="t").items.create({"name": "x"})
    headers = api.calls[0].request.headers
    assert "X-Change-Source" not in headers and "X-Forwarded-User-Agent" not in headers
