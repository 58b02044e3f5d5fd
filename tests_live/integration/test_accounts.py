"""Accounts over real HTTP: registration, login, logout revoking the token, and expired tokens."""

import pytest
import requests

from tests_live.browsing import Visitor


def test_register_lands_on_the_items_page_logged_in(live_client):
    visitor = Visitor(live_client.url)
    username = visitor.register()
    assert f"Welcome, {username}!" in visitor.text
    assert username in visitor.text and "Log out" in visitor.text


@pytest.mark.outside_contract(reason="a password shorter than the schema allows, sent for the API to refuse")
def test_registration_shows_the_apis_password_rules_beside_the_field(live_client):
    visitor = Visitor(live_client.url)
    visitor.submit(
        "/register/", {"username": "weakling", "email": "w@example.com", "password1": "123", "password2": "123"}
    )
    assert visitor.page.status_code == 400
    assert "This password is too common." in visitor.field_errors()
    assert 'value="weakling"' in visitor.page.text


def test_login_goes_to_next_and_wrong_password_is_generic(live_client):
    first = Visitor(live_client.url)
    username = first.register()
    visitor = Visitor(live_client.url)
    visitor.submit("/login/?next=/categories/", {"username": username, "password": "wrong-password"})
    assert "Please enter a correct username and password" in visitor.text
    visitor.submit("/login/?next=/categories/", {"username": username, "password": "Sup3r-secret-pw"})
    assert visitor.path == "/categories/"


def test_logout_revokes_the_token_at_the_api(live_api, live_client):
    visitor = Visitor(live_client.url)
    username = visitor.register()
    old_session = visitor.http.cookies["stockroom_sessionid"]
    assert live_api.token_count(username) == 1
    visitor.submit("/logout/", {}, form_path="/items/")
    assert "You have been logged out." in visitor.messages()
    assert live_api.token_count(username) == 0
    assert visitor.get("/items/").url.endswith("/login/?next=/items/")
    replay = requests.get(f"{live_client.url}/items/", cookies={"stockroom_sessionid": old_session}, timeout=15)
    assert replay.url.endswith("/login/?next=/items/")


def let_the_token_expire(live_api, live_client, visitor, username):
    """Move the token's expiry into the past at the API and in the client's session, as the hours passing would."""
    live_api.expire_tokens(username)
    key = visitor.http.cookies["stockroom_sessionid"]
    live_client.shell(
        "from importlib import import_module; from django.conf import settings; "
        f"s = import_module(settings.SESSION_ENGINE).SessionStore(session_key={key!r}); "
        "s['api_token_expiry'] = '2000-01-01T00:00:00Z'; s.save()"
    )


def test_expired_token_sends_to_login_then_back_where_the_user_was(live_api, live_client):
    visitor = Visitor(live_client.url)
    username = visitor.register()
    let_the_token_expire(live_api, live_client, visitor, username)
    visitor.get("/categories/?ordering=name")
    assert visitor.path == "/login/?next=%2Fcategories%2F%3Fordering%3Dname"
    assert "Your session has expired. Please log in again." in visitor.messages()
    visitor.submit(visitor.path, {"username": username, "password": "Sup3r-secret-pw"})
    assert visitor.path == "/categories/?ordering=name"


def test_the_api_rejects_a_token_it_did_not_issue(live_api):
    response = requests.get(f"{live_api.url}/api/v1/items/", headers={"Authorization": "Token nope"}, timeout=5)
    assert response.status_code == 401
