"""Login and registration throttles, per end-user address and per username."""

import pytest
from django.test import override_settings
from rest_framework.settings import api_settings

from tests.conftest import PASSWORD

LOGIN = "/api/v1/auth/login/"
RATES = {
    **api_settings.DEFAULT_THROTTLE_RATES,
    "auth_ip": "3/min",
    "auth_username": "5/min",
    "register_username": "2/min",
}


@pytest.fixture(autouse=True)
def _low_rates(monkeypatch):
    # Throttle classes read their rates once, at class level.
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", RATES)


def attempt(api_client, username="alice", **headers):
    return api_client.post(LOGIN, {"username": username, "password": "wrong"}, format="json", **headers)


def test_login_is_throttled_per_address_with_retry_after(api_client, user):
    for _ in range(3):
        assert attempt(api_client).status_code == 400
    response = attempt(api_client)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "detail" in response.json()


def test_throttled_login_refuses_even_the_right_password(api_client, user):
    for _ in range(3):
        attempt(api_client)
    response = api_client.post(LOGIN, {"username": "alice", "password": PASSWORD}, format="json")
    assert response.status_code == 429


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_login_is_throttled_per_username_across_addresses(api_client, user):
    for n in range(5):
        headers = {"HTTP_X_CLIENT_KEY": "shared-key", "HTTP_X_FORWARDED_FOR": f"203.0.113.{n}"}
        assert attempt(api_client, "Alice", **headers).status_code == 400
    headers = {"HTTP_X_CLIENT_KEY": "shared-key", "HTTP_X_FORWARDED_FOR": "203.0.113.99"}
    assert attempt(api_client, "alice", **headers).status_code == 429


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_users_behind_the_trusted_client_are_throttled_separately(api_client, user):
    for _ in range(3):
        attempt(api_client, "u1", HTTP_X_CLIENT_KEY="shared-key", HTTP_X_FORWARDED_FOR="203.0.113.1")
    other = attempt(api_client, "u2", HTTP_X_CLIENT_KEY="shared-key", HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert other.status_code == 400


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_forwarded_address_without_the_key_is_not_believed(api_client, user):
    for n in range(3):
        attempt(api_client, f"u{n}", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    spoofed = attempt(api_client, "u9", HTTP_X_FORWARDED_FOR="203.0.113.9", HTTP_X_CLIENT_KEY="guess")
    assert spoofed.status_code == 429


@pytest.mark.django_db
def test_registration_is_throttled_per_address(api_client):
    for n in range(3):
        api_client.post("/api/v1/auth/register/", {"username": f"user{n}"}, format="json")
    response = api_client.post("/api/v1/auth/register/", {"username": "user9"}, format="json")
    assert response.status_code == 429


@pytest.mark.django_db
@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_registration_is_throttled_per_username_in_any_spelling_across_addresses(api_client):
    for n, spelling in enumerate(["straße", "STRASSE"]):
        headers = {"HTTP_X_CLIENT_KEY": "shared-key", "HTTP_X_FORWARDED_FOR": f"203.0.113.{n}"}
        api_client.post("/api/v1/auth/register/", {"username": spelling}, format="json", **headers)
    headers = {"HTTP_X_CLIENT_KEY": "shared-key", "HTTP_X_FORWARDED_FOR": "203.0.113.99"}
    response = api_client.post("/api/v1/auth/register/", {"username": "Strasse"}, format="json", **headers)
    assert response.status_code == 429


def test_authenticated_users_are_throttled_too(monkeypatch, auth_client):
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", {**RATES, "user": "3/min"})
    statuses = [auth_client.get("/api/v1/items/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_one_users_throttle_does_not_limit_another(monkeypatch, auth_client, other_client):
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", {**RATES, "user": "2/min"})
    for _ in range(3):
        auth_client.get("/api/v1/items/")
    assert other_client.get("/api/v1/items/").status_code == 200


def test_username_sent_as_a_number_shares_the_username_bucket(api_client, make_user):
    make_user("12345")
    with override_settings(TRUSTED_CLIENT_KEY="shared-key"):
        for n in range(5):
            headers = {"HTTP_X_CLIENT_KEY": "shared-key", "HTTP_X_FORWARDED_FOR": f"203.0.113.{n}"}
            assert attempt(api_client, 12345, **headers).status_code == 400
        headers = {"HTTP_X_CLIENT_KEY": "shared-key", "HTTP_X_FORWARDED_FOR": "203.0.113.99"}
        assert attempt(api_client, "12345", **headers).status_code == 429
