"""Idempotent creates: nothing lost, nothing duplicated when a client repeats a POST."""

from datetime import timedelta

import pytest
from django.utils import timezone

from common.models import IdempotencyKey
from inventory.models import Item

URL = "/api/v1/items/"


def post(client, body, key="key-1"):
    return client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_repeat_with_the_same_key_returns_the_first_response_and_creates_nothing(auth_client):
    first = post(auth_client, {"name": "Hammer"})
    second = post(auth_client, {"name": "Hammer"})
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Item.objects.count() == 1


def test_same_key_with_a_different_body_is_422(auth_client):
    post(auth_client, {"name": "Hammer"})
    response = post(auth_client, {"name": "Saw"})
    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()["detail"]
    assert Item.objects.count() == 1


def test_keys_belong_to_their_user(auth_client, other_client):
    post(auth_client, {"name": "Hammer"})
    assert post(other_client, {"name": "Saw"}).status_code == 201
    assert Item.objects.count() == 2


def test_keys_expire_after_24_hours(auth_client):
    post(auth_client, {"name": "Hammer"})
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(hours=24, seconds=1))
    assert "Idempotent-Replayed" not in post(auth_client, {"name": "Hammer"})
    assert Item.objects.count() == 2


def test_a_failed_create_leaves_no_key_behind(auth_client):
    assert post(auth_client, {"name": ""}).status_code == 400
    assert post(auth_client, {"name": "Fixed"}).status_code == 201
    assert not IdempotencyKey.objects.filter(status=400).exists()


def test_without_a_key_each_post_creates(auth_client):
    auth_client.post(URL, {"name": "Hammer"}, format="json")
    auth_client.post(URL, {"name": "Hammer"}, format="json")
    assert Item.objects.count() == 2


@pytest.mark.parametrize("key", ["", "x" * 256, "has space", "naïve"])
def test_malformed_key_is_400(auth_client, key):
    response = post(auth_client, {"name": "Hammer"}, key=key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()


def test_categories_accept_keys_too(auth_client):
    auth_client.post("/api/v1/categories/", {"name": "Tools"}, format="json", HTTP_IDEMPOTENCY_KEY="k")
    again = auth_client.post("/api/v1/categories/", {"name": "Tools"}, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert again.status_code == 201
