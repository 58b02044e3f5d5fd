"""The account API over real HTTP: the reset link read from the mail the API wrote, sessions, password change."""

import secrets

import pytest
import requests

from tests_live.servers import CLIENT_KEY

PASSWORD = "Sup3r-secret-pw"
NEW_PASSWORD = "a-fresh-passphrase-2026"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


@pytest.fixture
def api(live_api):
    """Return a function calling the live API: `api("post", "auth/login/", json=..., token=...)`."""

    def call(method, path, *, token=None, headers=None, **kwargs):
        sent = {**(headers or {}), **({"Authorization": f"Token {token}"} if token else {})}
        return requests.request(method, f"{live_api.url}/api/v1/{path}", headers=sent, timeout=10, **kwargs)

    return call


@pytest.fixture
def account(api):
    """Register a new user; return their username and email address."""
    username = f"acct-{secrets.token_hex(4)}"
    email = f"{username}@example.com"
    assert api("post", "auth/register/", json={"username": username, "email": email, "password": PASSWORD}).ok
    return username, email


def login(api, username, password=PASSWORD, **headers):
    return api("post", "auth/login/", json={"username": username, "password": password}, headers=headers)


def test_a_forgotten_password_is_reset_through_the_mailed_link(live_api, api, account):
    username, email = account
    token = login(api, username).json()["token"]
    answer = api("post", "auth/password/reset/", json={"email": email})
    assert answer.status_code == 202
    link = live_api.mailbox.reset_link(email)
    assert link["url"].startswith("http://127.0.0.1:8001/password-reset/")
    credentials = {"uid": link["uid"], "token": link["token"]}

    assert api("post", "auth/password/reset/check/", json=credentials).status_code == 204
    assert (
        api("post", "auth/password/reset/confirm/", json={**credentials, "new_password": NEW_PASSWORD}).status_code
        == 204
    )

    assert api("get", "auth/me/", token=token).status_code == 401  # every session signed out
    assert login(api, username, NEW_PASSWORD).status_code == 200
    reused = api("post", "auth/password/reset/confirm/", json={**credentials, "new_password": "another-one-2026"})
    assert reused.status_code == 400
    assert "has been used or has expired" in reused.json()["token"][0]


def test_an_unknown_address_gets_the_same_answer_and_no_mail(live_api, api):
    address = f"nobody-{secrets.token_hex(4)}@example.com"
    answer = api("post", "auth/password/reset/", json={"email": address})
    assert answer.status_code == 202
    assert answer.json() == {"detail": "If an account has this email address, we sent it a link to reset the password."}
    assert live_api.mailbox.messages_to(address) == []


def test_sessions_show_the_browser_and_address_the_trusted_client_forwarded(api, account):
    username, _ = account
    forwarded = {"X-Client-Key": CLIENT_KEY, "X-Forwarded-For": "203.0.113.77", "X-Forwarded-User-Agent": BROWSER}
    token = login(api, username, **forwarded).json()["token"]
    login(api, username, **{"X-Forwarded-For": "198.51.100.1", "User-Agent": "curl/8.14.1"})
    sessions = api("get", "auth/sessions/", token=token).json()["results"]
    assert [(s["ip"], s["user_agent"], s["current"]) for s in sessions] == [
        ("127.0.0.1", "curl/8.14.1", False),  # without the key, the caller's own address and browser
        ("203.0.113.77", BROWSER, True),
    ]


def test_revoking_a_session_signs_that_device_out(api, account):
    username, _ = account
    here, there = (login(api, username).json()["token"] for _ in range(2))
    other = next(s["id"] for s in api("get", "auth/sessions/", token=here).json()["results"] if not s["current"])
    assert api("delete", f"auth/sessions/{other}/", token=here).status_code == 204
    assert api("get", "auth/me/", token=there).status_code == 401
    assert api("get", "auth/me/", token=here).status_code == 200


def test_changing_the_password_keeps_this_session_and_ends_the_others(api, account):
    username, _ = account
    here, there = (login(api, username).json()["token"] for _ in range(2))
    change = {"old_password": PASSWORD, "new_password": NEW_PASSWORD}
    assert api("post", "auth/password/change/", json=change, token=here).status_code == 204
    assert api("get", "auth/me/", token=here).status_code == 200
    assert api("get", "auth/me/", token=there).status_code == 401


def test_deleting_the_account_takes_its_stock_and_sessions(api, account):
    username, _ = account
    token = login(api, username).json()["token"]
    assert api("post", "categories/", json={"name": "Tools"}, token=token).status_code == 201
    assert api("delete", "auth/me/", json={"password": PASSWORD}, token=token).status_code == 204
    assert api("get", "categories/", token=token).status_code == 401
    assert login(api, username).status_code == 400
