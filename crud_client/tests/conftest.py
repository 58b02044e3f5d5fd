"""Shared fixtures: a mocked API and a browser session logged in as a known user."""

import html

import pytest
import responses
from django.conf import settings
from django.contrib.auth import get_user_model

from apiclient import save_token
from tests.contract.check import call_violations, report

API = settings.API_BASE_URL
TOKEN = "test-token-0123456789abcdef"
# Far ahead, so a 401 in a test means the token was revoked unless the test says otherwise.
LOGIN_EXPIRY = "2099-01-01T00:00:00Z"


def page_text(response) -> str:
    """Return a page's HTML with entities decoded, as a person reads it."""
    return html.unescape(response.content.decode())


def api_url(path: str) -> str:
    """Return the absolute URL of an API path such as `items/3/`."""
    return API + path.lstrip("/")


@pytest.fixture(autouse=True)
def _no_retry_wait(settings):
    """Retry immediately in tests; the backoff schedule itself is not what they check."""
    settings.API_RETRY_BACKOFF = 0


@pytest.fixture
def api():
    """Mock every HTTP call to the API; a call nobody registered fails the test, and so does any request sent or
    answer mocked that the API's schema does not allow (tests/contract/check.py)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False, response_callback=_keep_body) as mock:
        yield mock


def _keep_body(response):
    # Read the body now, so the contract check can still read it after the client streamed it (the CSV export).
    _ = response.content
    return response


def contract_violations(item) -> list:
    """Return the calls of the test's API mock that break the schema (answers too, unless marked outside_contract)."""
    mock = item.funcargs.get("api")
    if not isinstance(mock, responses.RequestsMock):
        return []
    outside = item.get_closest_marker("outside_contract")
    if outside is not None and outside.kwargs.get("requests"):
        return []
    return call_violations(mock.calls, check_responses=outside is None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test whose calls to the mocked API break the contract; a test failing anyway shows them too."""
    try:
        result = yield
    except BaseException:
        violations = contract_violations(item)
        if violations:
            item.add_report_section("call", "API contract", report(violations))
        raise
    violations = contract_violations(item)
    if violations:
        pytest.fail(report(violations), pytrace=False)
    return result


@pytest.fixture
def shadow_user(db):
    """Return the client's password-less local record of the API user `alice`."""
    user = get_user_model().objects.create(username="alice", email="alice@example.com")
    user.set_unusable_password()
    user.save()
    return user


@pytest.fixture
def logged_in_client(client, shadow_user):
    """Return a Django test client whose server-side session holds alice's API token (sealed, as a login stores it)."""
    client.force_login(shadow_user)
    session = client.session
    save_token(session, TOKEN, LOGIN_EXPIRY)
    session.save()
    return client
