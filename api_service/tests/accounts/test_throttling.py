"""Throttles of the JSON auth endpoints: failed password checks per (username, address) and per address, never
successes; registrations per address and per username."""

import pytest
from django.test import override_settings
from rest_framework.settings import api_settings

from tests.conftest import PASSWORD

LOGIN = "/api/v1/auth/login/"
REGISTER = "/api/v1/auth/register/"
RATES = {
    **api_settings.DEFAULT_THROTTLE_RATES,
    "password_failures_username_ip": "3/min",
    "password_failures_ip": "5/min",
    "auth_ip": "3/min",
    "register_username": "2/min",
}
KEY = "shared-key"


@pytest.fixture(autouse=True)
def _low_rates(monkeypatch):
    # Throttle classes read their rates once, at class level.
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", RATES)


def from_address(address):
    """Return the headers of a request the trusted web client forwards for an end user at `address`."""
    return {"HTTP_X_CLIENT_KEY": KEY, "HTTP_X_FORWARDED_FOR": address}


def login(api_client, username="alice", password="wrong-password", **headers):
    return api_client.post(LOGIN, {"username": username, "password": password}, format="json", **headers)


def test_failed_logins_for_one_username_are_refused_with_429_and_retry_after(api_client, user):
    assert [login(api_client).status_code for _ in range(3)] == [400, 400, 400]
    response = login(api_client)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["detail"].startswith("Too many failed attempts to enter the password.")


def test_once_refused_even_the_right_password_waits_for_the_window(api_client, user):
    for _ in range(3):
        login(api_client)
    assert login(api_client, password=PASSWORD).status_code == 429


def test_successful_logins_are_never_counted(api_client, user):
    statuses = [login(api_client, password=PASSWORD).status_code for _ in range(8)]
    assert statuses == [200] * 8
    assert login(api_client).status_code == 400


def test_a_success_leaves_the_earlier_failures_counted(api_client, user):
    for _ in range(2):
        login(api_client)
    assert login(api_client, password=PASSWORD).status_code == 200
    assert login(api_client).status_code == 400
    assert login(api_client).status_code == 429


def test_another_spelling_of_the_username_shares_its_count(api_client, make_user):
    make_user("straße")
    for spelling in ["straße", "STRASSE", "Strasse"]:
        login(api_client, spelling)
    assert login(api_client, "strasse").status_code == 429


@override_settings(TRUSTED_CLIENT_KEY=KEY)
def test_the_owner_at_another_address_logs_in_while_their_username_is_hammered(api_client, user):
    for _ in range(4):
        login(api_client, **from_address("203.0.113.66"))
    assert login(api_client, **from_address("203.0.113.66")).status_code == 429
    assert login(api_client, password=PASSWORD, **from_address("198.51.100.7")).status_code == 200


def test_another_user_at_the_same_address_logs_in_while_one_username_is_hammered(api_client, user, other_user):
    for _ in range(4):
        login(api_client)
    assert login(api_client, "mallory", PASSWORD).status_code == 200


def test_failures_over_many_usernames_from_one_address_are_refused(api_client, user):
    for n in range(5):
        login(api_client, f"guess{n}")
    assert login(api_client, "alice", PASSWORD).status_code == 429


@override_settings(TRUSTED_CLIENT_KEY=KEY)
def test_end_users_behind_the_trusted_client_are_counted_separately(api_client, user):
    for n in range(5):
        login(api_client, f"guess{n}", **from_address("203.0.113.1"))
    assert login(api_client, password=PASSWORD, **from_address("203.0.113.2")).status_code == 200


@override_settings(TRUSTED_CLIENT_KEY=KEY)
def test_a_forwarded_address_without_the_key_is_not_believed(api_client, user):
    for n in range(5):
        login(api_client, f"guess{n}", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}", HTTP_X_CLIENT_KEY="guess")
    assert login(api_client, password=PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


def test_a_username_sent_as_a_number_shares_the_count_of_its_text(api_client, make_user):
    make_user("12345")
    for _ in range(3):
        login(api_client, 12345)
    assert login(api_client, "12345").status_code == 429


def test_a_body_without_credentials_counts_nothing(api_client, user):
    for _ in range(6):
        api_client.post(LOGIN, {}, format="json")
    assert login(api_client, password=PASSWORD).status_code == 200


@pytest.mark.django_db
def test_registration_is_throttled_per_address(api_client):
    for n in range(3):
        api_client.post(REGISTER, {"username": f"user{n}"}, format="json")
    assert api_client.post(REGISTER, {"username": "user9"}, format="json").status_code == 429


@pytest.mark.django_db
@override_settings(TRUSTED_CLIENT_KEY=KEY)
def test_registration_is_throttled_per_username_in_any_spelling_across_addresses(api_client):
    for n, spelling in enumerate(["straße", "STRASSE"]):
        api_client.post(REGISTER, {"username": spelling}, format="json", **from_address(f"203.0.113.{n}"))
    response = api_client.post(REGISTER, {"username": "Strasse"}, format="json", **from_address("203.0.113.99"))
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
