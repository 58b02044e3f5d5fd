"""`api_client_for(request)`: the session's token, the request's id and address, and time spent in the API."""

import pytest
import requests
from django.contrib.sessions.backends.db import SessionStore

from apiclient import ApiUnavailable, api_client_for
from tests.conftest import api_url

ME = api_url("auth/me/")


@pytest.fixture
def request_(rf, db):
    request = rf.get("/", REMOTE_ADDR="192.0.2.44")
    request.session = SessionStore()
    request.session["api_token"] = "tok-1"
    request.request_id = "rid-9"
    request.api_time = 0.0
    return request


def test_calls_carry_the_sessions_token_the_request_id_and_the_users_address(api, request_):
    api.get(ME, json={})
    api_client_for(request_).auth.me()
    headers = api.calls[0].request.headers
    assert headers["Authorization"] == "Token tok-1"
    assert headers["X-Request-ID"] == "rid-9"
    assert headers["X-Forwarded-For"] == "192.0.2.44"
    assert headers["Accept"] == "application/json"


def test_without_token_sends_no_authorization_even_when_the_session_has_one(api, request_):
    api.post(api_url("auth/login/"), json={})
    api_client_for(request_, with_token=False).auth.login(username="a", password="b")
    assert "Authorization" not in api.calls[0].request.headers
    assert api.calls[0].request.headers["X-Request-ID"] == "rid-9"


def test_an_anonymous_session_sends_no_authorization(api, request_):
    del request_.session["api_token"]
    api.get(ME, json={})
    api_client_for(request_).auth.me()
    assert "Authorization" not in api.calls[0].request.headers


def test_time_in_api_calls_adds_up_on_the_request(api, request_, monkeypatch):
    clock = iter([10.0, 10.25, 20.0, 20.5])
    monkeypatch.setattr("apiclient.client.time.perf_counter", lambda: next(clock))
    api.get(ME, json={})
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
