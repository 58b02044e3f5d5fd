"""Security headers, CSRF and method rules on the client's pages."""

import pytest
from django.test import Client

from tests.api_payloads import login, user


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_with_no_third_party_sources(client):
    policy = client.get("/login/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "http" not in policy and "unsafe-inline" not in policy


@pytest.mark.django_db
def test_pages_forbid_framing_and_sniffing(client):
    response = client.get("/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/login/", "/register/", "/logout/", "/items/new/", "/items/1/delete/"])
def test_posts_without_a_csrf_token_are_refused(path, shadow_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(shadow_user)
    assert client.post(path, {}).status_code == 403


@pytest.mark.django_db
def test_session_cookie_is_http_only(client, api):
    from tests.conftest import api_url

    api.post(api_url("auth/login/"), json=login("t", user=user(username="bob")))
    client.post("/login/", {"username": "bob", "password": "pw"})
    assert client.cookies["stockroom_sessionid"]["httponly"]


@pytest.mark.django_db
def test_unknown_page_is_the_friendly_404_not_a_debug_page(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Not found" in html and "URLconf" not in html and "Traceback" not in html


@pytest.mark.django_db
def test_a_crash_shows_the_plain_500_page_without_a_traceback(monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("accounts.views.HomeView.get_redirect_url", crash)
    response = Client(raise_request_exception=False).get("/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html and "RuntimeError" not in html
