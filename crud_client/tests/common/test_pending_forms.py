"""Re-login keeps the pending form: a POST that meets an ended session is shown again, filled in, after login."""

import time

import pytest

from common.pending_forms import SESSION_KEY
from tests.conftest import api_url, page_text
from tests.inventory.conftest import CATEGORIES
from tests.inventory.test_item_pages import ITEM

TYPED = {"name": "Claw hammer XL", "sku": "H-1", "description": "Typed before the session ended", "category": "2"}
EDIT = {**TYPED, "quantity": "7", "price": "19.99", "version": "4"}


def login_as(client, api, username="alice", next_url=""):
    user = {"id": 1, "username": username, "email": f"{username}@example.com"}
    api.post(api_url("auth/login/"), json={"token": f"new-{username}", "expiry": "2099-01-01T00:00:00Z", "user": user})
    return client.post("/login/", {"username": username, "password": "pw", "next": next_url})


@pytest.fixture
def ended(logged_in_client, api):
    """Submit the edit form with a token the API no longer accepts."""
    api.get(api_url("categories/"), json=CATEGORIES)
    api.put(api_url("items/5/"), status=401, json={"detail": "Invalid token."})
    response = logged_in_client.post("/items/5/edit/", EDIT)
    return response


def test_the_user_is_sent_to_log_in_with_only_the_path_in_the_url(ended):
    assert ended["Location"] == "/login/?next=%2Fitems%2F5%2Fedit%2F"
    assert "hammer" not in ended["Location"].lower()


def test_the_login_page_says_what_was_typed_is_kept(ended, logged_in_client):
    page = page_text(logged_in_client.get(ended["Location"]))
    assert "What you typed is kept: you will see it again after you log in." in page


def test_what_was_typed_is_kept_server_side_without_the_csrf_token(ended, logged_in_client):
    kept = logged_in_client.session[SESSION_KEY]
    assert kept["path"] == "/items/5/edit/" and kept["user"] == "alice"
    assert kept["values"]["name"] == ["Claw hammer XL"] and "csrfmiddlewaretoken" not in kept["values"]


def test_after_login_the_same_form_comes_back_filled_in_with_a_message(ended, logged_in_client, api):
    assert login_as(logged_in_client, api, next_url="/items/5/edit/")["Location"] == "/items/5/edit/"
    api.get(api_url("items/5/"), json=ITEM)
    page = page_text(logged_in_client.get("/items/5/edit/"))
    assert 'value="Claw hammer XL"' in page and "Typed before the session ended" in page
    assert 'value="19.99"' in page and 'name="version" value="4"' in page
    assert "You were logged out before this form was saved. What you typed is below: check it and save again." in page


def test_nothing_is_submitted_for_the_user(ended, logged_in_client, api):
    login_as(logged_in_client, api)
    api.get(api_url("items/5/"), json=ITEM)
    logged_in_client.get("/items/5/edit/")
    assert [call.request.method for call in api.calls if "/items/5/" in call.request.url] == ["PUT", "GET"]


def test_the_form_comes_back_once(ended, logged_in_client, api):
    login_as(logged_in_client, api)
    api.get(api_url("items/5/"), json=ITEM)
    logged_in_client.get("/items/5/edit/")
    assert 'value="Hammer"' in page_text(logged_in_client.get("/items/5/edit/"))


def test_another_user_logging_in_on_the_same_browser_never_sees_it(ended, logged_in_client, api):
    login_as(logged_in_client, api, username="mallory")
    api.get(api_url("items/5/"), json=ITEM)
    page = page_text(logged_in_client.get("/items/5/edit/"))
    assert "Claw hammer XL" not in page and 'value="Hammer"' in page


def test_a_form_kept_over_an_hour_ago_is_dropped(ended, logged_in_client, api):
    session = logged_in_client.session
    session[SESSION_KEY] = {**session[SESSION_KEY], "at": time.time() - 3601}
    session.save()
    login_as(logged_in_client, api)
    api.get(api_url("items/5/"), json=ITEM)
    assert "Claw hammer XL" not in page_text(logged_in_client.get("/items/5/edit/"))


def test_a_new_item_form_comes_back_with_its_idempotency_key(logged_in_client, api):
    api.get(api_url("categories/"), json=CATEGORIES)
    api.post(api_url("items/"), status=401, json={"detail": "Invalid token."})
    logged_in_client.post("/items/new/", {**EDIT, "version": "", "idempotency_key": "k-123"})
    login_as(logged_in_client, api)
    page = page_text(logged_in_client.get("/items/new/"))
    assert 'value="Claw hammer XL"' in page and 'name="idempotency_key" value="k-123"' in page


def test_passwords_are_never_kept(logged_in_client, api):
    api.post(api_url("auth/password/change/"), status=401, json={"detail": "Invalid token."})
    response = logged_in_client.post(
        "/account/password/", {"old_password": "old-pw", "password1": "New-pw-2026", "password2": "New-pw-2026"}
    )
    assert SESSION_KEY not in logged_in_client.session
    assert "What you typed is kept" not in page_text(logged_in_client.get(response["Location"]))


def test_the_email_form_comes_back_with_the_typed_address(logged_in_client, api):
    api.patch(api_url("auth/me/"), status=401, json={"detail": "Invalid token."})
    logged_in_client.post("/account/email/", {"email": "typed@example.com"})
    login_as(logged_in_client, api)
    api.get(api_url("auth/me/"), json={"id": 1, "username": "alice", "email": "alice@example.com"})
    page = page_text(logged_in_client.get("/account/email/"))
    assert 'value="typed@example.com"' in page and "alice@example.com" not in page.split("<main")[1]
