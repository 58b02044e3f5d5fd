"""POST /api/v1/auth/register/."""

import pytest
from django.contrib.auth import get_user_model

URL = "/api/v1/auth/register/"


def register(api_client, **overrides):
    body = {"username": "carol", "email": "carol@example.com", "password": "Sup3r-secret-pw", **overrides}
    return api_client.post(URL, body, format="json")


@pytest.mark.django_db
def test_register_returns_201_with_id_username_email(api_client):
    response = register(api_client)
    assert response.status_code == 201
    assert set(response.json()) == {"id", "username", "email"}
    assert response.json()["username"] == "carol"


@pytest.mark.django_db
def test_register_never_returns_the_password(api_client):
    response = register(api_client)
    assert "password" not in response.json()
    assert b"Sup3r-secret-pw" not in response.content


@pytest.mark.django_db
def test_register_stores_a_hashed_password(api_client):
    register(api_client)
    user = get_user_model().objects.get(username="carol")
    assert user.password != "Sup3r-secret-pw"
    assert user.check_password("Sup3r-secret-pw")


def test_username_taken_in_another_case_is_400(api_client, user):
    response = register(api_client, username="ALICE")
    assert response.status_code == 400
    assert response.json()["username"] == ["A user with that username already exists."]


@pytest.mark.django_db
def test_invalid_email_is_400(api_client):
    response = register(api_client, email="not-an-email")
    assert response.status_code == 400
    assert "email" in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Xy7!", "This password is too short. It must contain at least 8 characters."),
        ("password123", "This password is too common."),
        ("8364918273645", "This password is entirely numeric."),
        ("carol2026", "The password is too similar to the username."),
    ],
    ids=["too-short", "too-common", "numeric", "similar-to-username"],
)
def test_each_password_validator_message_is_returned(api_client, password, message):
    response = register(api_client, password=password)
    assert response.status_code == 400
    assert message in response.json()["password"]


@pytest.mark.django_db
def test_password_errors_come_with_other_field_errors(api_client):
    response = register(api_client, email="bad", password="123")
    assert response.status_code == 400
    assert {"email", "password"} <= set(response.json())


@pytest.mark.django_db
def test_missing_fields_are_400_by_field(api_client):
    response = api_client.post(URL, {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"username", "email", "password"}


@pytest.mark.django_db
def test_password_is_never_trimmed_so_the_user_can_log_in_with_it(api_client):
    assert register(api_client, password="  spaced out passphrase  ").status_code == 201
    login = {"username": "carol", "password": "  spaced out passphrase  "}
    assert api_client.post("/api/v1/auth/login/", login, format="json").status_code == 200
    trimmed = {"username": "carol", "password": "spaced out passphrase"}
    assert api_client.post("/api/v1/auth/login/", trimmed, format="json").status_code == 400
