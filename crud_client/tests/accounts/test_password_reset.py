"""A forgotten password: the email form, the link's page (checked first, token moved out of the URL), a new password."""

import json

import pytest
import requests

from apiclient import save_token
from tests.conftest import api_url, page_text

DEAD = "This password reset link has been used or has expired. Ask for a new one."
SENT = "If an account has this email address, we sent it a link to reset the password."
NEW = {"password1": "Brand-new-2026 ", "password2": "Brand-new-2026 "}


@pytest.mark.django_db
def test_the_email_form_sends_the_address_and_says_a_link_went_out_if_it_has_an_account(client, api):
    api.post(api_url("auth/password/reset/"), status=202, json={"detail": SENT})
    response = client.post("/password-reset/", {"email": "ada@example.com"}, follow=True)
    assert json.loads(api.calls[0].request.body) == {"email": "ada@example.com"}
    assert response.redirect_chain == [("/password-reset/sent/", 302)]
    assert "If the address has an account, we sent a link to it." in page_text(response)


@pytest.mark.django_db
def test_the_email_form_never_sends_a_token_from_an_old_session(client, api):
    session = client.session
    save_token(session, "stale")
    session.save()
    api.post(api_url("auth/password/reset/"), status=202, json={"detail": SENT})
    client.post("/password-reset/", {"email": "ada@example.com"})
    assert "Authorization" not in api.calls[0].request.headers


@pytest.mark.django_db
def test_a_malformed_address_is_refused_beside_the_field(client, api):
    response = client.post("/password-reset/", {"email": "ada@"})
    assert response.status_code == 200 and "Enter a valid email address." in page_text(response)
    assert 'value="ada@"' in page_text(response) and len(api.calls) == 0


@pytest.mark.django_db
def test_an_address_the_api_refuses_is_shown_beside_the_field(client, api):
    api.post(api_url("auth/password/reset/"), status=400, json={"email": ["Enter a valid email address."]})
    response = client.post("/password-reset/", {"email": "ada@example.com"})
    assert response.status_code == 400
    assert response.context_data["form"].errors["email"] == ["Enter a valid email address."]


@pytest.mark.django_db
def test_asking_too_often_says_how_long_to_wait(client, api):
    api.post(api_url("auth/password/reset/"), status=429, json={"detail": "x"}, headers={"Retry-After": "120"})
    response = client.post("/password-reset/", {"email": "ada@example.com"})
    assert response.status_code == 429 and "wait 120 seconds" in page_text(response)


@pytest.mark.django_db
def test_asking_while_the_api_is_down_keeps_the_address(client, api):
    api.post(api_url("auth/password/reset/"), body=requests.ConnectionError())
    response = client.post("/password-reset/", {"email": "ada@example.com"})
    assert response.status_code == 503 and 'value="ada@example.com"' in page_text(response)


@pytest.mark.django_db
def test_a_live_link_is_checked_then_its_token_leaves_the_url(client, api):
    api.post(api_url("auth/password/reset/check/"), status=204)
    response = client.get("/password-reset/MQ/c4x-0123abcd/")
    assert json.loads(api.calls[0].request.body) == {"uid": "MQ", "token": "c4x-0123abcd"}
    assert response["Location"] == "/password-reset/MQ/set-password/"
    assert "c4x-0123abcd" not in response["Location"]


@pytest.mark.django_db
def test_after_the_redirect_the_page_asks_for_the_new_password_and_shows_no_token(client, api):
    api.post(api_url("auth/password/reset/check/"), status=204)
    response = client.get("/password-reset/MQ/c4x-0123abcd/", follow=True)
    page = page_text(response)
    assert "<h1>Set a new password</h1>" in page and "c4x-0123abcd" not in page
    assert 'name="password1"' in page and 'name="password2"' in page


@pytest.mark.django_db
def test_a_used_or_expired_link_says_so_plainly_and_offers_a_new_one(client, api):
    api.post(api_url("auth/password/reset/check/"), status=400, json={"token": [DEAD]})
    page = page_text(client.get("/password-reset/MQ/used-token/"))
    assert "<h1>This link no longer works</h1>" in page
    assert "has been used or has expired" in page
    assert 'href="/password-reset/">Ask for a new link</a>' in page


@pytest.mark.django_db
def test_the_set_password_page_without_a_checked_link_is_the_dead_link_page(client, api):
    page = page_text(client.get("/password-reset/MQ/set-password/"))
    assert "This link no longer works" in page and len(api.calls) == 0


@pytest.mark.django_db
def test_a_token_checked_for_one_account_does_not_open_another(client, api):
    api.post(api_url("auth/password/reset/check/"), status=204)
    client.get("/password-reset/MQ/c4x-0123abcd/")
    assert "This link no longer works" in page_text(client.get("/password-reset/Mg/set-password/"))


@pytest.fixture
def checked(client, api, db):
    api.post(api_url("auth/password/reset/check/"), status=204)
    client.get("/password-reset/MQ/c4x-0123abcd/")
    return client


def test_setting_the_new_password_sends_it_untrimmed_with_the_links_uid_and_token(checked, api):
    api.post(api_url("auth/password/reset/confirm/"), status=204)
    response = checked.post("/password-reset/MQ/set-password/", NEW, follow=True)
    confirm = api.calls[-1].request
    assert json.loads(confirm.body) == {"uid": "MQ", "token": "c4x-0123abcd", "new_password": "Brand-new-2026 "}
    assert response.redirect_chain == [("/login/", 302)]
    assert "Your password was reset. Log in with your new password." in page_text(response)


def test_the_link_works_once_in_this_browser_too(checked, api):
    api.post(api_url("auth/password/reset/confirm/"), status=204)
    checked.post("/password-reset/MQ/set-password/", NEW)
    assert "This link no longer works" in page_text(checked.get("/password-reset/MQ/set-password/"))


def test_a_password_the_api_refuses_is_shown_beside_it(checked, api):
    api.post(
        api_url("auth/password/reset/confirm/"), status=400, json={"new_password": ["This password is too short."]}
    )
    response = checked.post("/password-reset/MQ/set-password/", NEW)
    assert response.status_code == 400
    assert response.context_data["form"].errors["password1"] == ["This password is too short."]
    assert "Brand-new-2026" not in page_text(response)


def test_a_link_that_dies_before_the_new_password_is_sent_says_so(checked, api):
    api.post(api_url("auth/password/reset/confirm/"), status=400, json={"token": [DEAD]})
    assert "This link no longer works" in page_text(checked.post("/password-reset/MQ/set-password/", NEW))


def test_passwords_that_differ_are_refused_without_asking_the_api(checked, api):
    calls = len(api.calls)
    response = checked.post("/password-reset/MQ/set-password/", {**NEW, "password2": "other"})
    assert "didn’t match" in page_text(response) and len(api.calls) == calls


def test_setting_the_password_while_the_api_is_down_says_so(checked, api):
    api.post(api_url("auth/password/reset/confirm/"), body=requests.ConnectionError())
    response = checked.post("/password-reset/MQ/set-password/", NEW)
    assert response.status_code == 503 and "The Stockroom service is unavailable" in page_text(response)
