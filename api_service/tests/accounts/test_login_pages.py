"""The admin's and the browsable API's HTML login pages count failed passwords with the JSON login."""

import pytest
from rest_framework.settings import api_settings

from tests.conftest import PASSWORD

ADMIN = "/admin/login/"
BROWSABLE = "/api-auth/login/"
JSON_LOGIN = "/api/v1/auth/login/"
HTML_PAGES = pytest.mark.parametrize("page", [ADMIN, BROWSABLE], ids=["admin", "browsable-api"])
RATES = {
    **api_settings.DEFAULT_THROTTLE_RATES,
    "password_failures_username_ip": "3/min",
    "password_failures_ip": "20/min",
}


@pytest.fixture(autouse=True)
def _low_rates(monkeypatch):
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", RATES)


@pytest.fixture
def staff(make_user):
    return make_user("boss", is_staff=True, is_superuser=True)


def log_in(client, page, username="boss", password="wrong-password"):
    return client.post(page, {"username": username, "password": password})


@HTML_PAGES
def test_a_wrong_password_redisplays_the_form_with_djangos_message(client, staff, page):
    response = log_in(client, page)
    assert response.status_code == 200
    assert "Please enter" in response.content.decode()


@HTML_PAGES
def test_too_many_failures_redisplay_the_form_with_429_retry_after_and_a_clear_message(client, staff, page):
    for _ in range(3):
        log_in(client, page)
    response = log_in(client, page)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    html = response.content.decode()
    assert "Too many failed attempts to log in. Try again in" in html
    assert 'name="password"' in html and 'value="boss"' in html


@HTML_PAGES
def test_once_refused_even_the_right_password_waits(client, staff, page):
    for _ in range(3):
        log_in(client, page)
    assert log_in(client, page, password=PASSWORD).status_code == 429


@HTML_PAGES
def test_the_right_password_logs_in_and_is_not_counted(client, staff, page):
    for _ in range(5):
        assert log_in(client, page, password=PASSWORD).status_code == 302
    assert log_in(client, page).status_code == 200


@HTML_PAGES
def test_failures_at_the_json_login_count_here(client, api_client, staff, page):
    for _ in range(3):
        api_client.post(JSON_LOGIN, {"username": "boss", "password": "wrong"}, format="json")
    assert log_in(client, page, password=PASSWORD).status_code == 429


@HTML_PAGES
def test_failures_here_count_at_the_json_login(client, api_client, staff, page):
    for _ in range(3):
        log_in(client, page)
    response = api_client.post(JSON_LOGIN, {"username": "boss", "password": PASSWORD}, format="json")
    assert response.status_code == 429


def test_switching_between_the_html_pages_gains_nothing(client, staff):
    for page in (ADMIN, BROWSABLE, ADMIN):
        log_in(client, page)
    assert log_in(client, BROWSABLE, password=PASSWORD).status_code == 429


@HTML_PAGES
def test_the_username_compares_canonically(client, staff, page):
    assert log_in(client, page, "BOSS", PASSWORD).status_code == 302


def test_a_non_staff_user_with_the_right_password_is_refused_by_the_admin_uncounted(client, user):
    for _ in range(4):
        assert log_in(client, ADMIN, "alice", PASSWORD).status_code == 200
    assert log_in(client, BROWSABLE, "alice", PASSWORD).status_code == 302
