"""DELETE /api/v1/auth/me/ {password}: the account goes with everything in it."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from knox.models import AuthToken
from rest_framework.settings import api_settings

from accounts.models import CanonicalUsername, TokenSession
from common.models import IdempotencyKey
from inventory.models import Category, Item
from tests.conftest import PASSWORD, client_for

URL = "/api/v1/auth/me/"
User = get_user_model()


def delete_account(client, password=PASSWORD):
    return client.delete(URL, {"password": password}, format="json")


@pytest.fixture
def stocked(auth_client):
    """Give the user a category with an item in it (created with an Idempotency-Key) and an uncategorised item."""
    category = auth_client.post("/api/v1/categories/", {"name": "Tools"}, format="json").json()["id"]
    auth_client.post(
        "/api/v1/items/",
        {"name": "Hammer", "category": category, "quantity": 1, "price": "9.99"},
        format="json",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    )
    auth_client.post("/api/v1/items/", {"name": "Loose nail", "quantity": 100, "price": "0.01"}, format="json")
    return auth_client


def test_deleting_the_account_is_204_and_removes_everything_of_the_user(stocked, user):
    client_for(user)
    assert delete_account(stocked).status_code == 204
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Item.objects.exists() and not Category.objects.exists()
    assert not AuthToken.objects.exists() and not TokenSession.objects.exists()
    assert not IdempotencyKey.objects.exists() and not CanonicalUsername.objects.exists()


def test_every_token_of_the_deleted_account_stops_working(stocked, user):
    elsewhere = client_for(user)
    delete_account(stocked)
    assert stocked.get("/api/v1/auth/me/").status_code == 401
    assert elsewhere.get("/api/v1/items/").status_code == 401


def test_other_users_and_their_stock_stay(stocked, other_client, other_user):
    other_client.post("/api/v1/categories/", {"name": "Tools"}, format="json")
    delete_account(stocked)
    assert Category.objects.filter(owner=other_user).count() == 1
    assert other_client.get("/api/v1/auth/me/").status_code == 200


def test_the_username_is_free_again(stocked, api_client):
    delete_account(stocked)
    body = {"username": "ALICE", "email": "new@example.com", "password": "Sup3r-secret-pw"}
    assert api_client.post("/api/v1/auth/register/", body, format="json").status_code == 201


def test_a_wrong_password_is_400_and_deletes_nothing(stocked, user):
    response = delete_account(stocked, "not-my-password")
    assert response.status_code == 400
    assert response.json() == {"password": ["Your password was entered incorrectly."]}
    assert User.objects.filter(pk=user.pk).exists() and Item.objects.count() == 2


def test_a_missing_password_is_400(auth_client, user):
    response = auth_client.delete(URL, {}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["password"]


def test_the_password_is_not_trimmed(auth_client, user):
    assert delete_account(auth_client, f" {PASSWORD} ").status_code == 400


def test_wrong_passwords_are_throttled_with_429(monkeypatch, auth_client, user):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "password_failures_username_ip": "2/min"}
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates)
    for _ in range(2):
        delete_account(auth_client, "guess")
    response = delete_account(auth_client)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert User.objects.filter(pk=user.pk).exists()


@pytest.mark.django_db
def test_without_a_token_is_401(api_client):
    assert delete_account(api_client).status_code == 401


def test_the_browsable_apis_session_ends_with_the_account(client, user):
    client.force_login(user)
    response = client.delete(URL, {"password": PASSWORD}, content_type="application/json")
    assert response.status_code == 204
    assert client.get(URL).status_code in (401, 403)
