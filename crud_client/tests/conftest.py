"""Shared fixtures: a mocked API and a browser session logged in as a known user."""

import pytest
import responses
from django.conf import settings
from django.contrib.auth import get_user_model

API = settings.API_BASE_URL
TOKEN = "test-token-0123456789abcdef"


def api_url(path: str) -> str:
    """Return the absolute URL of an API path such as `items/3/`."""
    return API + path.lstrip("/")


@pytest.fixture(autouse=True)
def _no_retry_wait(settings):
    """Retry immediately in tests; the backoff schedule itself is not what they check."""
    settings.API_RETRY_BACKOFF = 0


@pytest.fixture
def api():
    """Mock every HTTP call to the API; a call nobody registered fails the test."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def shadow_user(db):
    """Return the client's password-less local record of the API user `alice`."""
    user = get_user_model().objects.create(username="alice", email="alice@example.com")
    user.set_unusable_password()
    user.save()
    return user


@pytest.fixture
def logged_in_client(client, shadow_user):
    """Return a Django test client whose server-side session holds alice's API token."""
    client.force_login(shadow_user)
    session = client.session
    session["api_token"] = TOKEN
    session.save()
    return client
