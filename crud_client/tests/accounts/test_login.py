"""Logging in through the API: token kept server-side only, session rotated, `?next=` honoured safely."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
import requests
from django.contrib.auth import authenticate, get_user_model, login
from django.test import RequestFactory

from apiclient import save_token, token_from
from tests.conftest import api_url
from tests.inventory.test_dashboard import RECENT, STATS

LOGIN_OK = {
    "token": "secret-token-123",
    "expiry": "2099-01-01T00:00:00Z",
    "user": {"id": 7, "username": "bob", "email": "bob@example.com"},
}
LOGIN_FAILED = {"non_field_errors": ["Unable to log in with the provided credentials."]}


def log_in(client, next_url=None, **data):
    url = "/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": "bob", "password": "pw-123456", **data})


@pytest.mark.django_db
def test_login_page_links_to_registration(client):
    html = client.get("/login/").content.decode()
    assert "Log in" in html and 'href="/register/"' in html


@pytest.mark.django_db
def test_login_sends_the_credentials_to_the_api(client, api):
    api.post(api_url("auth/login/"), json=LOGIN_OK)
    log_in(client)
    assert json.loads(api.calls[0].request.body) == {"username": "bob", "password": "pw-123456"}


@pytest.mark.django_db
def test_login_keeps_the_token_only_in_the_server_side_session(client, api):
    api.post(api_url("auth/login/"), json=LOGIN_OK)
    response = log_in(client)
    assert token_from(client.session) == "secret-token-123"
    assert all("secret-token-123" not in cookie.value for cookie in client.cookies.values())
    assert "secret-token-123" not in response["Location"]
    assert "secret-token-123" not in client.get("/login/", follow=True).content.decode()


@pytest.mark.django_db
def test_login_rotates_the_session_key(client, api):
    api.post(api_url("auth/login/"), json=LOGIN_OK)
    client.get("/login/")
    session = client.session
    session["probe"] = 1
    session.save()
    before = client.cookies["stockroom_sessionid"].value
    log_in(client)
    assert client.cookies["stockroom_sessionid"].value != before


@pytest.mark.django_db
def test_login_creates_a_password_less_shadow_user(client, api):
    api.post(api_url("auth/login/"), json=LOGIN_OK)
    log_in(client)
    user = get_user_model().objects.get(username="bob")
    assert (user.email, user.has_usable_password()) == ("bob@example.com", False)


@pytest.mark.django_db
def test_login_goes_where_next_points(client, api):
    api.post(api_url("auth/login/"), json=LOGIN_OK)
    assert log_in(client, next_url="/categories/")["Location"] == "/categories/"


@pytest.mark.django_db
def test_login_refuses_an_external_next(client, api):
    api.post(api_url("auth/login/"), json=LOGIN_OK)
    assert log_in(client, next_url="https://evil.example/")["Location"] == "/"


@pytest.mark.django_db
def test_wrong_credentials_show_one_generic_message_and_keep_the_username(client, api):
    api.post(api_url("auth/login/"), status=400, json=LOGIN_FAILED)
    response = log_in(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please enter a correct username and password" in html
    assert 'value="bob"' in html
    assert "api_token" not in client.session


@pytest.mark.django_db
def test_unknown_and_wrong_password_look_the_same(client, api):
    api.post(api_url("auth/login/"), status=400, json=LOGIN_FAILED)
    first = log_in(client, username="nobody").content.decode().replace("nobody", "X")
    second = log_in(client, username="bob").content.decode().replace("bob", "X")
    strip = lambda html: html.split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
    assert strip(first) == strip(second)


@pytest.mark.django_db
def test_api_down_on_login_is_503_with_username_kept(client, api):
    api.post(api_url("auth/login/"), body=requests.ConnectionError())
    response = log_in(client)
    assert response.status_code == 503
    assert "The Stockroom service is unavailable" in response.content.decode()
    assert 'value="bob"' in response.content.decode()


@pytest.mark.django_db
def test_throttled_login_says_how_long_to_wait(client, api):
    api.post(api_url("auth/login/"), status=429, json={"detail": "x"}, headers={"Retry-After": "30"})
    response = log_in(client)
    assert response.status_code == 429
    assert "wait 30 seconds" in response.content.decode()


@pytest.mark.django_db
def test_home_sends_anonymous_visitors_to_login(client):
    assert client.get("/")["Location"] == "/login/"


def test_home_shows_logged_in_users_their_dashboard(logged_in_client, api):
    api.get(api_url("stats/"), json=STATS)
    api.get(api_url("history/"), json=RECENT)
    response = logged_in_client.get("/")
    assert response.status_code == 200 and "<h1>Your stock</h1>" in response.content.decode()


@pytest.mark.django_db
def test_login_never_sends_a_stale_token_from_the_session(client, api):
    session = client.session
    save_token(session, "old-revoked-token")
    session.save()
    api.post(api_url("auth/login/"), json=LOGIN_OK)
    log_in(client)
    assert "Authorization" not in api.calls[0].request.headers
    assert token_from(client.session) == "secret-token-123"


@pytest.mark.django_db
def test_login_forwards_the_end_users_address_and_request_id(client, api):
    api.post(api_url("auth/login/"), json=LOGIN_OK)
    client.post(
        "/login/", {"username": "bob", "password": "pw"}, REMOTE_ADDR="203.0.113.77", HTTP_X_REQUEST_ID="login-1"
    )
    headers = api.calls[0].request.headers
    assert (headers["X-Forwarded-For"], headers["X-Request-ID"]) == ("203.0.113.77", "login-1")


@pytest.mark.django_db
def test_login_refreshes_the_shadow_users_email(client, api):
    get_user_model().objects.create(username="bob", email="old@example.com")
    api.post(api_url("auth/login/"), json=LOGIN_OK)
    log_in(client)
    assert get_user_model().objects.get(username="bob").email == "bob@example.com"


def test_switching_users_without_logging_out_keeps_only_the_new_token(logged_in_client, api):
    api.post(api_url("auth/login/"), json=LOGIN_OK)
    request = RequestFactory().post("/login/")
    request.session = logged_in_client.session
    alice_key = request.session.session_key
    login(request, authenticate(request, username="bob", password="pw"))
    assert token_from(request.session) == "secret-token-123"
    assert request.session.session_key != alice_key


@pytest.mark.django_db
def test_keep_me_signed_in_keeps_the_session_until_the_token_expires(client, api):
    soon = datetime.now(UTC) + timedelta(hours=1)
    api.post(api_url("auth/login/"), json={**LOGIN_OK, "expiry": soon.isoformat()})
    response = log_in(client, remember="on")
    assert not client.session.get_expire_at_browser_close()
    assert abs((client.session.get_expiry_date() - soon).total_seconds()) < 1
    assert response.cookies["stockroom_sessionid"]["expires"]


@pytest.mark.django_db
def test_without_keep_me_signed_in_the_session_ends_when_the_browser_closes(client, api):
    api.post(api_url("auth/login/"), json=LOGIN_OK)
    response = log_in(client)
    assert client.session.get_expire_at_browser_close()
    assert response.cookies["stockroom_sessionid"]["expires"] == ""
    assert response.cookies["stockroom_sessionid"]["max-age"] == ""


@pytest.mark.django_db
def test_a_long_lived_token_does_not_stretch_a_kept_session(client, api, settings):
    api.post(api_url("auth/login/"), json=LOGIN_OK)
    log_in(client, remember="on")
    assert client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE


@pytest.mark.django_db
def test_login_form_carries_next_through_the_post(client):
    html = client.get("/login/?next=/categories/").content.decode()
    assert '<input type="hidden" name="next" value="/categories/">' in html


@pytest.mark.django_db
@pytest.mark.parametrize("evil", ["//evil.example/", "https://evil.example/items/", "javascript:alert(1)"])
def test_login_refuses_every_off_site_next(client, api, evil):
    api.post(api_url("auth/login/"), json=LOGIN_OK)
    response = client.post("/login/", {"username": "bob", "password": "pw", "next": evil})
    assert response["Location"] == "/"


def test_a_logged_in_user_visiting_login_goes_to_the_dashboard(logged_in_client):
    assert logged_in_client.get("/login/")["Location"] == "/"


@pytest.mark.django_db
def test_login_page_labels_its_fields(client):
    html = client.get("/login/").content.decode()
    assert ">Username</label>" in html and ">Password</label>" in html
    assert '<button type="submit">Log in</button>' in html


@pytest.mark.django_db
def test_login_page_offers_keep_me_signed_in_unticked(client):
    html = client.get("/login/").content.decode()
    checkbox = re.search(r'<input type="checkbox" name="remember"[^>]*>', html).group(0)
    assert "checked" not in checkbox
    assert '<label for="id_remember">Keep me signed in</label>' in html


@pytest.mark.django_db
def test_login_page_links_to_forgotten_password(client):
    assert '<a href="/password-reset/">Forgot your password?</a>' in client.get("/login/").content.decode()


@pytest.mark.django_db
def test_login_forwards_the_browsers_user_agent_for_the_sessions_list(client, api):
    api.post(api_url("auth/login/"), json=LOGIN_OK)
    client.post("/login/", {"username": "bob", "password": "pw"}, HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64)")
    assert api.calls[0].request.headers["X-Forwarded-User-Agent"] == "Mozilla/5.0 (X11; Linux x86_64)"
