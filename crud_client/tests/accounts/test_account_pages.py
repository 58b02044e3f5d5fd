"""The account overview, changing the email address and changing the password."""

import json

import pytest
import requests

from tests.conftest import TOKEN, api_url, page_text

ME = {"id": 1, "username": "alice", "email": "alice@example.com"}
CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.1 Mobile/15E148 Safari/604.1"
)
THIS = {
    "id": "sess-this",
    "created": "2026-11-28T09:00:00Z",
    "expiry": "2026-11-28T19:00:00Z",
    "last_used": "2026-11-28T09:30:00Z",
    "user_agent": CHROME_LINUX,
    "ip": "203.0.113.5",
    "current": True,
}
PHONE = {
    "id": "sess-phone",
    "created": "2026-11-20T08:15:00Z",
    "expiry": "2026-11-20T18:15:00Z",
    "last_used": "2026-11-20T08:20:00Z",
    "user_agent": SAFARI_IPHONE,
    "ip": None,
    "current": False,
}


def sessions_page(*rows, count=None):
    return {"count": len(rows) if count is None else count, "next": None, "previous": None, "results": list(rows)}


@pytest.fixture
def account_api(api):
    api.get(api_url("auth/me/"), json=ME)
    api.get(api_url("auth/sessions/"), json=sessions_page(THIS, PHONE))
    return api


def test_account_page_shows_the_profile(logged_in_client, account_api):
    page = page_text(logged_in_client.get("/account/"))
    assert "<h1>Your account</h1>" in page
    assert "<dd>alice</dd>" in page and "<dd>alice@example.com</dd>" in page
    assert 'href="/account/email/">Change email address</a>' in page
    assert 'href="/account/password/">Change password</a>' in page


def test_account_page_names_each_device_in_words(logged_in_client, account_api):
    page = page_text(logged_in_client.get("/account/"))
    assert 'Chrome on Linux <span class="badge badge-brand">This device</span>' in page
    assert "Mobile Safari on iOS" in page


def test_account_page_shows_address_sign_in_and_last_activity(logged_in_client, account_api):
    page = page_text(logged_in_client.get("/account/"))
    assert '<td data-label="IP address">203.0.113.5</td>' in page
    assert '<td data-label="IP address">Unknown</td>' in page
    assert 'title="2026-11-20T08:15:00Z">20 Nov 2026, 08:15</time>' in page
    assert 'title="2026-11-20T08:20:00Z"' in page  # the phone's last activity


def test_other_devices_get_a_sign_out_button_and_this_one_a_log_out_link(logged_in_client, account_api):
    page = page_text(logged_in_client.get("/account/"))
    assert '<form method="post" action="/account/sessions/sess-phone/sign-out/"' in page
    assert "/account/sessions/sess-this/sign-out/" not in page
    assert 'href="/logout/">Log out<span class="visually-hidden"> of this device</span>' in page
    assert '<button type="submit" class="button-secondary">Sign out everywhere else</button>' in page


def test_with_no_other_device_there_is_nothing_else_to_sign_out(logged_in_client, api):
    api.get(api_url("auth/me/"), json=ME)
    api.get(api_url("auth/sessions/"), json=sessions_page(THIS))
    page = page_text(logged_in_client.get("/account/"))
    assert "Sign out everywhere else" not in page
    assert "You are not signed in anywhere else." in page


def test_account_page_offers_the_danger_zone(logged_in_client, account_api):
    page = page_text(logged_in_client.get("/account/"))
    assert '<a class="button button-danger" href="/account/delete/">Delete account</a>' in page


def test_the_account_menu_links_to_the_account_page(logged_in_client, account_api):
    page = page_text(logged_in_client.get("/account/"))
    menu = page[page.index('<details class="account-menu">') : page.index("</details>")]
    assert 'href="/account/" aria-current="page">Account</a>' in menu


def test_account_page_needs_login(client, db):
    assert client.get("/account/")["Location"] == "/login/?next=/account/"


def test_account_page_while_the_api_is_down_is_the_503_page(logged_in_client, api):
    api.get(api_url("auth/sessions/"), body=requests.ConnectionError())
    assert logged_in_client.get("/account/").status_code == 503


def test_email_form_starts_from_the_current_address(logged_in_client, api):
    api.get(api_url("auth/me/"), json=ME)
    page = page_text(logged_in_client.get("/account/email/"))
    assert 'value="alice@example.com"' in page and "<h1>Change your email address</h1>" in page
    assert '<li><a href="/account/">Account</a></li>' in page


def test_changing_the_email_sends_only_the_email_and_says_so(logged_in_client, account_api, shadow_user):
    account_api.patch(api_url("auth/me/"), json={**ME, "email": "new@example.com"})
    response = logged_in_client.post("/account/email/", {"email": "new@example.com"}, follow=True)
    assert response.redirect_chain == [("/account/", 302)]
    assert json.loads(account_api.calls[0].request.body) == {"email": "new@example.com"}
    assert account_api.calls[0].request.headers["Authorization"] == f"Token {TOKEN}"
    assert "Your email address is now new@example.com." in page_text(response)
    shadow_user.refresh_from_db()
    assert shadow_user.email == "new@example.com"


def test_an_email_the_api_refuses_shows_beside_the_field(logged_in_client, api):
    api.patch(api_url("auth/me/"), status=400, json={"email": ["Enter a valid email address."]})
    response = logged_in_client.post("/account/email/", {"email": "odd@example.com"})
    assert response.status_code == 400
    assert response.context_data["form"].errors["email"] == ["Enter a valid email address."]
    assert 'value="odd@example.com"' in page_text(response)


def test_an_email_that_is_not_an_address_is_refused_without_asking_the_api(logged_in_client, api):
    response = logged_in_client.post("/account/email/", {"email": "not-an-address"})
    assert "Enter a valid email address." in page_text(response)
    assert len(api.calls) == 0


def test_changing_the_email_while_the_api_is_down_keeps_it(logged_in_client, api):
    api.patch(api_url("auth/me/"), body=requests.ConnectionError())
    response = logged_in_client.post("/account/email/", {"email": "new@example.com"})
    assert response.status_code == 503
    assert 'value="new@example.com"' in page_text(response) and "The Stockroom service is unavailable" in page_text(
        response
    )


PASSWORDS = {"old_password": " old pw ", "password1": "New-secret-2026 ", "password2": "New-secret-2026 "}


def test_changing_the_password_sends_both_untrimmed_and_says_others_were_signed_out(logged_in_client, api):
    api.post(api_url("auth/password/change/"), status=204)
    response = logged_in_client.post("/account/password/", PASSWORDS, follow=True)
    assert json.loads(api.calls[0].request.body) == {"old_password": " old pw ", "new_password": "New-secret-2026 "}
    assert response.redirect_chain[0] == ("/account/", 302)
    assert "Your password was changed. You were signed out on every other device." in page_text(response)


def test_changing_the_password_keeps_this_session(logged_in_client, api):
    api.post(api_url("auth/password/change/"), status=204)
    logged_in_client.post("/account/password/", PASSWORDS)
    assert "_auth_user_id" in logged_in_client.session


def test_a_wrong_current_password_shows_beside_it_and_no_password_comes_back(logged_in_client, api):
    wrong = "Your old password was entered incorrectly. Please enter it again."
    api.post(api_url("auth/password/change/"), status=400, json={"old_password": [wrong]})
    response = logged_in_client.post("/account/password/", PASSWORDS)
    assert response.status_code == 400
    assert response.context_data["form"].errors["old_password"] == [wrong]
    assert "old pw" not in page_text(response) and "New-secret-2026" not in page_text(response)


def test_a_new_password_the_api_refuses_shows_beside_the_new_password(logged_in_client, api):
    api.post(api_url("auth/password/change/"), status=400, json={"new_password": ["This password is too common."]})
    response = logged_in_client.post("/account/password/", PASSWORDS)
    assert response.context_data["form"].errors["password1"] == ["This password is too common."]
    assert '<a href="#id_password1">New password: This password is too common.</a>' in page_text(response)


def test_new_passwords_that_differ_are_refused_without_asking_the_api(logged_in_client, api):
    response = logged_in_client.post("/account/password/", {**PASSWORDS, "password2": "other"})
    assert "didn’t match" in page_text(response) and len(api.calls) == 0


def test_too_many_password_attempts_say_how_long_to_wait(logged_in_client, api):
    api.post(api_url("auth/password/change/"), status=429, json={"detail": "x"}, headers={"Retry-After": "42"})
    response = logged_in_client.post("/account/password/", PASSWORDS)
    assert response.status_code == 429 and "wait 42 seconds" in page_text(response)


def test_this_device_is_listed_first(logged_in_client, api):
    api.get(api_url("auth/me/"), json=ME)
    api.get(api_url("auth/sessions/"), json=sessions_page(PHONE, THIS))
    page = page_text(logged_in_client.get("/account/"))
    assert page.index("Chrome on Linux") < page.index("Mobile Safari on iOS")
