"""GET and PATCH /api/v1/auth/me/: the caller's account, whose email address alone can change."""

import pytest
from django.contrib.auth import get_user_model

URL = "/api/v1/auth/me/"


def test_me_returns_the_caller(auth_client, user):
    assert auth_client.get(URL).json() == {"id": user.id, "username": "alice", "email": "alice@example.com"}


def test_patch_changes_the_email_and_answers_the_account(auth_client, user):
    response = auth_client.patch(URL, {"email": "alice@new.example"}, format="json")
    assert response.status_code == 200
    assert response.json() == {"id": user.id, "username": "alice", "email": "alice@new.example"}
    user.refresh_from_db()
    assert user.email == "alice@new.example"


def test_patch_ignores_the_username(auth_client, user):
    response = auth_client.patch(URL, {"username": "mallory", "email": "a@example.com"}, format="json")
    assert response.status_code == 200
    assert response.json()["username"] == "alice"
    user.refresh_from_db()
    assert user.username == "alice"


@pytest.mark.parametrize(
    "email", ["not-an-email", "", None, "a" * 250 + "@example.com"], ids=["malformed", "blank", "null", "too-long"]
)
def test_an_invalid_email_is_400_and_changes_nothing(auth_client, user, email):
    response = auth_client.patch(URL, {"email": email}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["email"]
    user.refresh_from_db()
    assert user.email == "alice@example.com"


def test_patch_with_nothing_changes_nothing(auth_client, user):
    assert auth_client.patch(URL, {}, format="json").json()["email"] == "alice@example.com"


def test_put_is_not_allowed(auth_client):
    assert auth_client.put(URL, {"email": "a@example.com"}, format="json").status_code == 405


def test_patch_touches_only_the_callers_account(auth_client, other_user):
    auth_client.patch(URL, {"email": "new@example.com"}, format="json")
    assert get_user_model().objects.get(pk=other_user.pk).email == "mallory@example.com"


@pytest.mark.django_db
def test_me_without_a_token_is_401(api_client):
    assert api_client.patch(URL, {"email": "a@example.com"}, format="json").status_code == 401
