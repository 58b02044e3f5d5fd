"""Throttles count requests in fixed windows with one small counter per caller and window."""

import pytest
from django.core.cache import cache
from rest_framework.settings import api_settings

from common.throttling import UserThrottle

ITEMS = "/api/v1/items/"


@pytest.fixture
def three_per_minute(monkeypatch):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "user": "3/min"}
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates)


@pytest.fixture
def clock(monkeypatch):
    """A controllable clock for the throttles, starting at the beginning of a minute."""
    now = [6_000_000.0]
    monkeypatch.setattr(UserThrottle, "timer", lambda self: now[0])
    return now


def test_the_count_is_kept_as_one_integer_not_a_list_of_request_times(auth_client, user, clock):
    for _ in range(5):
        auth_client.get(ITEMS)
    window = int(clock[0] // 3600)
    assert cache.get(f"throttle_user_{user.pk}:{window}") == 5


def test_a_new_window_starts_with_a_full_allowance(auth_client, three_per_minute, clock):
    assert [auth_client.get(ITEMS).status_code for _ in range(4)] == [200, 200, 200, 429]
    clock[0] += 60
    assert auth_client.get(ITEMS).status_code == 200


def test_retry_after_counts_down_to_the_end_of_the_window(auth_client, three_per_minute, clock):
    for _ in range(3):
        auth_client.get(ITEMS)
    clock[0] += 45.5
    response = auth_client.get(ITEMS)
    assert response.status_code == 429
    assert response["Retry-After"] == "15"
