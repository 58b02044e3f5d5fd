"""Shared fixtures: users, tokens and authenticated API clients."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from knox.models import AuthToken
from rest_framework.test import APIClient

PASSWORD = "correct-horse-battery-9"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Start every test with empty throttle counters."""
    cache.clear()
    yield
    cache.clear()


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
