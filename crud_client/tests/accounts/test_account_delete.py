"""Deleting the account: a confirmation page that names what goes, the password, then the login page."""

import json

import pytest
import requests

from tests.conftest import api_url, page_text


def page_of(count):
    return {"count": count, "next": None, "previous": None, "results": []}


@pytest.fixture
def counts(api):
    api.get(api_url("items/"), json=page_of(3))
    api.get(api_url("categories/"), json=page_of(1))
    return api


def test_the_confirmation_names_exactly_what_goes(logged_in_client, counts):
    page = page_text(logged_in_client.get("/account/delete/"))
    assert "<h1>Delete your account?</h1>" in page
    assert "your account, <strong>alice</strong>, and every device signed in to it" in page
    assert "<li>3 items</li>" in page and "<li>1 category</li>" in page
    assert '<button type="submit" class="button-danger">Delete my account</button>' in page
    assert '<a class="button button-quiet" href="/account/">Cancel</a>' in page


def test_deleting_sends_the_password_untrimmed_and_lands_on_login_with_a_message(logged_in_client, counts):
    counts.delete(api_url("auth/me/"), status=204)
    response = logged_in_client.post("/account/delete/", {"password": " pw with spaces "}, follow=True)
    delete = [call.request for call in counts.calls if call.request.method == "DELETE"][0]
    assert json.loads(delete.body) == {"password": " pw with spaces "}
    assert response.redirect_chain == [("/login/", 302)]
    assert "Your account and everything in it were deleted." in page_text(response)
    assert "_auth_user_id" not in logged_in_client.session


def test_a_wrong_password_deletes_nothing_and_says_so_beside_the_field(logged_in_client, counts):
    wrong = "Your password was entered incorrectly."
    counts.delete(api_url("auth/me/"), status=400, json={"password": [wrong]})
    response = logged_in_client.post("/account/delete/", {"password": "nope"})
    assert response.status_code == 400
    assert response.context_data["form"].errors["password"] == [wrong]
    assert "_auth_user_id" in logged_in_client.session
    assert 'value="nope"' not in page_text(response)


def test_an_empty_password_is_refused_without_asking_the_api(logged_in_client, counts):
    response = logged_in_client.post("/account/delete/", {"password": ""})
    assert "This field is required." in page_text(response)
    assert not [call for call in counts.calls if call.request.method == "DELETE"]


def test_too_many_wrong_passwords_say_how_long_to_wait(logged_in_client, counts):
    counts.delete(api_url("auth/me/"), status=429, json={"detail": "x"}, headers={"Retry-After": "60"})
    response = logged_in_client.post("/account/delete/", {"password": "guess"})
    assert response.status_code == 429 and "wait 60 seconds" in page_text(response)


def test_while_the_api_is_down_the_page_still_says_everything_goes(logged_in_client, api):
    api.get(api_url("items/"), body=requests.ConnectionError())
    api.delete(api_url("auth/me/"), body=requests.ConnectionError())
    response = logged_in_client.post("/account/delete/", {"password": "pw"})
    assert response.status_code == 503
    assert "every item and category in it" in page_text(response)
    assert "_auth_user_id" in logged_in_client.session


def test_delete_account_needs_login(client, db):
    assert client.get("/account/delete/")["Location"] == "/login/?next=/account/delete/"
