"""Throttles count requests in fixed windows with one shared counter per caller and window."""

import pytest
from django.core.cache import cache
from rest_framework.settings import api_settings

from common.throttle_counters import WindowAllowance
from common.throttling import UserThrottle

ITEMS = "/api/v1/items/"


@pytest.fixture
def rate(monkeypatch):
    """Set the per-user rate for a test."""

    def set_rate(value):
        rates = {**api_settings.DEFAULT_THROTTLE_RATES, "user": value}
        monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates)

    return set_rate


@pytest.fixture
def clock(monkeypatch):
    """A controllable clock for the throttles, starting at the beginning of a minute."""
    now = [6_000_000.0]
    monkeypatch.setattr(UserThrottle, "timer", lambda self: now[0])
    return now


def counter(user, clock, seconds):
    return cache.get(f"throttle_user_{user.pk}:{int(clock[0] // seconds)}")


def test_a_low_limit_is_counted_request_by_request_in_one_integer(auth_client, user, rate, clock):
    rate("150/hour")
    for _ in range(5):
        auth_client.get(ITEMS)
    assert counter(user, clock, 3600) == 5


def test_a_high_limit_is_reserved_a_hundredth_at_a_time(auth_client, user, rate, clock):
    rate("2000/hour")
    auth_client.get(ITEMS)
    assert counter(user, clock, 3600) == 20
    for _ in range(19):
        auth_client.get(ITEMS)
    assert counter(user, clock, 3600) == 20
    auth_client.get(ITEMS)
    assert counter(user, clock, 3600) == 40


def test_batched_reservations_never_admit_more_than_the_limit_across_processes():
    processes = [WindowAllowance(), WindowAllowance(), WindowAllowance()]
    window = {"now": 6_000_000.0, "duration": 3600, "limit": 1000}
    admitted = sum(processes[n % 3].admit(cache, "throttle_test_x", **window) for n in range(1200))
    assert admitted == 1000
    assert not any(process.admit(cache, "throttle_test_x", **window) for process in processes)


def test_a_new_window_starts_with_a_full_allowance(auth_client, rate, clock):
    rate("3/min")
    assert [auth_client.get(ITEMS).status_code for _ in range(4)] == [200, 200, 200, 429]
    clock[0] += 60
    assert auth_client.get(ITEMS).status_code == 200


def test_retry_after_counts_down_to_the_end_of_the_window(auth_client, rate, clock):
    rate("3/min")
    for _ in range(3):
        auth_client.get(ITEMS)
    clock[0] += 45.5
    response = auth_client.get(ITEMS)
    assert response.status_code == 429
    assert response["Retry-After"] == "15"
