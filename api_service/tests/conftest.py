"""Shared fixtures: users, tokens and authenticated API clients; a helper that races threads."""

import threading
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from knox.models import AuthToken
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from accounts.mail import wait_until_sent
from common.throttle_counters import allowance

PASSWORD = "correct-horse-battery-9"


def _on_postgresql() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def pytest_report_header(config):
    """Say which database the suite runs on, and what that leaves out."""
    if _on_postgresql():
        return "database: PostgreSQL"
    return "database: SQLite (tests marked `postgresql` are deselected; set DATABASE_URL to run them)"


def pytest_collection_modifyitems(config, items):
    """Deselect PostgreSQL-only tests (real concurrent writers) on SQLite, which serialises all writes."""
    if _on_postgresql():
        return
    deselected = [item for item in items if item.get_closest_marker("postgresql")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Start every test with empty throttle counters, and no allowance reserved from earlier ones."""
    cache.clear()
    allowance.forget()
    yield
    cache.clear()
    allowance.forget()


@pytest.fixture(autouse=True)
def _throttle_clock_stands_still(monkeypatch):
    """Count all of a test's requests in one throttle window.

    Throttles count in fixed windows of the clock (this minute, this hour): a test whose requests straddle a minute
    boundary would see its counts start again halfway and fail now and then. Tests of the windows themselves set
    their own clock.
    """
    now = time.time()
    monkeypatch.setattr(SimpleRateThrottle, "timer", lambda self: now)


@pytest.fixture(autouse=True)
def _mail_sent_within_its_test():
    """Let each test's mail thread finish before the next test starts, so no mail lands in another test's outbox."""
    yield
    wait_until_sent()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hash passwords cheaply; the real hasher makes each login take a fifth of a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def api_client():
    """Return an unauthenticated API client."""
    return APIClient()


@pytest.fixture
def make_user(db):
    """Return a factory that creates a user with a known password."""

    def make(username="alice", *, password=PASSWORD, email=None, **extra):
        return get_user_model().objects.create_user(
            username=username, email=email or f"{username}@example.com", password=password, **extra
        )

    return make


@pytest.fixture
def user(make_user):
    """Return the main test user."""
    return make_user("alice")


@pytest.fixture
def other_user(make_user):
    """Return a second user whose data the main user must never see."""
    return make_user("mallory")


def client_for(user):
    """Return an API client authenticated with a fresh knox token of `user` (the token is on `.token`)."""
    _, token = AuthToken.objects.create(user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    client.token = token
    return client


@pytest.fixture
def auth_client(user):
    """Return an API client logged in as `user`."""
    return client_for(user)


@pytest.fixture
def other_client(other_user):
    """Return an API client logged in as `other_user`."""
    return client_for(other_user)


def race(work, count: int) -> list:
    """Run `work(n)` on `count` threads released at once (each on its own connection); return what each gave back.

    An exception a thread raises is what it gives back, so a test can count the losers.
    """
    barrier = threading.Barrier(count)
    outcomes = []

    def run(n):
        barrier.wait()
        try:
            outcomes.append(work(n))
        except Exception as error:  # the outcome under test
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
