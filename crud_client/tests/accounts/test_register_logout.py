"""Registration through the API, and logging out."""

import json

import pytest
import requests
from django.contrib.sessions.models import Session

from apiclient import save_token, token_from
from tests.api_payloads import login, user
from tests.conftest import TOKEN, api_url

FORM = {"username": "carol", "email": "carol@example.com", "password1": "Sup3r-secret", "password2": "Sup3r-secret"}


@pytest.mark.django_db
def test_registration_creates_the_account_and_logs_in(client, api):
    api.post(api_url("auth/register/"), status=201, json={"id": 3, "username": "carol", "email": "carol@example.com"})
    api.post(
        api_url("auth/login/"),
        json=login("t-1", user=user(id=3, username="carol", email="carol@example.com")),
    )
    response = client.post("/register/", FORM)
    assert response["Location"] == "/items/"
    assert json.loads(api.calls[0].request.body) == {
        "username": "carol",
        "email": "carol@example.com",
        "password": "Sup3r-secret",
    }
    assert token_from(client.session) == "t-1"
    assert client.session.get_expire_at_browser_close()


@pytest.mark.django_db
def test_api_field_errors_show_next_to_the_right_fields(client, api):
    api.post(
        api_url("auth/register/"),
        status=400,
        json={"username": ["A user with that username already exists."], "password": ["This password is too common."]},
    )
    response = client.post("/register/", FORM)
    form = response.context_data["form"]
    assert response.status_code == 400
    assert form.errors["username"] == ["A user with that username already exists."]
    assert form.errors["password1"] == ["This password is too common."]
    html = response.content.decode()
    assert 'value="carol@example.com"' in html
    assert "Sup3r-secret" not in html


@pytest.mark.django_db
def test_password_mismatch_is_caught_without_calling_the_api(client, api):
    response = client.post("/register/", {**FORM, "password2": "different"})
    assert "didn’t match" in response.content.decode()
    assert len(api.calls) == 0


@pytest.mark.django_db
def test_registration_while_the_api_is_down_keeps_the_values(client, api):
    api.post(api_url("auth/register/"), body=requests.ConnectionError())
    response = client.post("/register/", FORM)
    assert response.status_code == 503
    assert 'value="carol"' in response.content.decode()


def test_logout_page_asks_first_and_logs_out_only_by_post(logged_in_client, api):
    response = logged_in_client.get("/logout/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Log out of Stockroom as <strong>alice</strong> on this device?" in html
    form = html[html.index('<form method="post" action="/logout/">', html.index("<main")) :]
    assert 'name="csrfmiddlewaretoken"' in form and '<button type="submit">Log out</button>' in form
    assert "_auth_user_id" in logged_in_client.session
    assert len(api.calls) == 0


@pytest.mark.django_db
def test_logout_page_sends_a_visitor_who_is_not_logged_in_to_login(client):
    assert client.get("/logout/")["Location"] == "/login/"


def test_logout_revokes_the_token_at_the_api_and_flushes_the_session(logged_in_client, api):
    api.post(api_url("auth/logout/"), status=204)
    response = logged_in_client.post("/logout/", follow=True)
    assert api.calls[0].request.headers["Authorization"] == f"Token {TOKEN}"
    assert "api_token" not in logged_in_client.session
    assert "You have been logged out." in response.content.decode()


def test_logout_still_ends_the_session_when_the_api_is_down(logged_in_client, api):
    api.post(api_url("auth/logout/"), body=requests.ConnectionError())
    logged_in_client.post("/logout/")
    assert "_auth_user_id" not in logged_in_client.session


REGISTERED = {"id": 3, "username": "carol", "email": "carol@example.com"}


@pytest.mark.django_db
def test_registration_keeps_the_typed_username_and_email_but_no_password(client, api):
    api.post(api_url("auth/register/"), status=400, json={"username": ["A user with that username already exists."]})
    html = client.post("/register/", FORM).content.decode()
    assert 'value="carol"' in html and 'value="carol@example.com"' in html
    assert "Sup3r-secret" not in html


@pytest.mark.django_db
def test_registration_shows_non_field_errors_on_the_form(client, api):
    api.post(api_url("auth/register/"), status=400, json={"non_field_errors": ["The password is too similar."]})
    response = client.post("/register/", FORM)
    assert response.context_data["form"].non_field_errors() == ["The password is too similar."]
    assert "The password is too similar." in response.content.decode()


@pytest.mark.django_db
def test_registration_sends_no_token_even_from_an_old_session(client, api):
    session = client.session
    save_token(session, "old-token")
    session.save()
    api.post(api_url("auth/register/"), status=400, json={"username": ["Taken."]})
    client.post("/register/", FORM)
    assert "Authorization" not in api.calls[0].request.headers


@pytest.mark.django_db
def test_throttled_registration_says_how_long_to_wait(client, api):
    api.post(api_url("auth/register/"), status=429, json={"detail": "x"}, headers={"Retry-After": "60"})
    response = client.post("/register/", FORM)
    assert response.status_code == 429
    assert "wait 60 seconds" in response.content.decode()


@pytest.mark.django_db
def test_when_login_after_registration_fails_the_user_is_sent_to_log_in(client, api):
    api.post(api_url("auth/register/"), status=201, json=REGISTERED)
    api.post(api_url("auth/login/"), body=requests.ConnectionError())
    response = client.post("/register/", FORM, follow=True)
    assert response.redirect_chain == [("/login/", 302)]
    assert "Your account was created. Please log in." in response.content.decode()


@pytest.mark.django_db
def test_register_page_labels_its_fields(client):
    html = client.get("/register/").content.decode()
    for label in ("Username", "Email", "Password", "Password confirmation"):
        assert f">{label}</label>" in html
    assert '<button type="submit">Register</button>' in html


@pytest.mark.django_db
def test_logout_without_a_session_calls_no_api(client, api):
    assert client.post("/logout/")["Location"] == "/login/"
    assert len(api.calls) == 0


def test_logout_still_ends_the_session_when_the_token_was_already_revoked(logged_in_client, api):
    api.post(api_url("auth/logout/"), status=401, json={"detail": "Invalid token."})
    response = logged_in_client.post("/logout/")
    assert response["Location"] == "/login/"
    assert "_auth_user_id" not in logged_in_client.session


def test_logout_discards_the_session_and_its_cookie(logged_in_client, api):
    api.post(api_url("auth/logout/"), status=204)
    old_key = logged_in_client.cookies["stockroom_sessionid"].value
    response = logged_in_client.post("/logout/")
    assert not Session.objects.filter(session_key=old_key).exists()
    assert response.cookies["stockroom_sessionid"].value == ""
