"""POST /api/v1/auth/password/change/: the caller keeps their session, every other one is signed out."""

import pytest
from knox.models import AuthToken
from rest_framework.settings import api_settings

from tests.conftest import PASSWORD, client_for

URL = "/api/v1/auth/password/change/"
NEW = "a-much-better-passphrase-2026"
WRONG_OLD = "Your old password was entered incorrectly. Please enter it again."


def change(client, old=PASSWORD, new=NEW):
    return client.post(URL, {"old_password": old, "new_password": new}, format="json")


def login(api_client, password):
    return api_client.post("/api/v1/auth/login/", {"username": "alice", "password": password}, format="json")


def test_change_is_204_and_the_new_password_logs_in(auth_client, api_client, user):
    assert change(auth_client).status_code == 204
    assert login(api_client, NEW).status_code == 200
    assert login(api_client, PASSWORD).status_code == 400


def test_the_calling_session_keeps_working(auth_client, user):
    change(auth_client)
    assert auth_client.get("/api/v1/auth/me/").status_code == 200


def test_every_other_session_of_the_user_is_signed_out(auth_client, user):
    elsewhere = [client_for(user) for _ in range(2)]
    change(auth_client)
    assert [client.get("/api/v1/auth/me/").status_code for client in elsewhere] == [401, 401]
    assert AuthToken.objects.filter(user=user).count() == 1


def test_other_users_sessions_are_left_alone(auth_client, other_client):
    change(auth_client)
    assert other_client.get("/api/v1/auth/me/").status_code == 200


def test_a_wrong_old_password_is_400_and_changes_nothing(auth_client, api_client, user):
    elsewhere = client_for(user)
    response = change(auth_client, old="not-my-password")
    assert response.status_code == 400
    assert response.json() == {"old_password": [WRONG_OLD]}
    assert login(api_client, PASSWORD).status_code == 200
    assert elsewhere.get("/api/v1/auth/me/").status_code == 200


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("short1!", "This password is too short. It must contain at least 8 characters."),
        ("password123", "This password is too common."),
        ("alice2026", "The password is too similar to the username."),
    ],
    ids=["too-short", "too-common", "like-the-username"],
)
def test_a_new_password_the_validators_refuse_is_400_with_their_messages(auth_client, user, new, message):
    response = change(auth_client, new=new)
    assert response.status_code == 400
    assert message in response.json()["new_password"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_missing_fields_are_400_by_field(auth_client):
    response = auth_client.post(URL, {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"old_password", "new_password"}


def test_passwords_are_not_trimmed(auth_client, api_client, user):
    assert change(auth_client, new="  spaced out passphrase  ").status_code == 204
    assert login(api_client, "  spaced out passphrase  ").status_code == 200
    assert login(api_client, "spaced out passphrase").status_code == 400


def test_wrong_old_passwords_are_throttled_with_429_and_retry_after(monkeypatch, auth_client, user):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "password_failures_username_ip": "2/min"}
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates)
    assert [change(auth_client, old="guess").status_code for _ in range(2)] == [400, 400]
    response = change(auth_client)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_failed_changes_count_against_logging_in(monkeypatch, auth_client, api_client, user):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "password_failures_username_ip": "2/min"}
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates)
    for _ in range(2):
        change(auth_client, old="guess")
    assert login(api_client, PASSWORD).status_code == 429


def test_successful_changes_are_not_counted(monkeypatch, auth_client, user):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "password_failures_username_ip": "2/min"}
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates)
    passwords = [PASSWORD, NEW, "third-passphrase-2026", "fourth-passphrase-2026"]
    for old, new in zip(passwords, passwords[1:], strict=False):
        assert change(auth_client, old, new).status_code == 204


@pytest.mark.django_db
def test_without_a_token_is_401(api_client):
    assert change(api_client).status_code == 401


def test_the_browsable_apis_session_survives_its_own_password_change(client, user):
    client.force_login(user)
    response = client.post(URL, {"old_password": PASSWORD, "new_password": NEW}, content_type="application/json")
    assert response.status_code == 204
    assert client.get("/api/v1/auth/me/").status_code == 200
    assert not AuthToken.objects.filter(user=user).exists()
