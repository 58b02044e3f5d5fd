"""POST /api/v1/auth/logout/ and logoutall/, and what a missing or malformed token gets."""

import pytest

from tests.conftest import client_for


def test_logout_is_204_and_that_token_stops_working(auth_client):
    assert auth_client.post("/api/v1/auth/logout/").status_code == 204
    assert auth_client.get("/api/v1/auth/me/").status_code == 401


def test_logout_keeps_the_users_other_tokens(user, auth_client):
    elsewhere = client_for(user)
    auth_client.post("/api/v1/auth/logout/")
    assert elsewhere.get("/api/v1/auth/me/").status_code == 200


def test_logoutall_revokes_every_token_of_the_user(user, auth_client):
    elsewhere = client_for(user)
    assert auth_client.post("/api/v1/auth/logoutall/").status_code == 204
    assert elsewhere.get("/api/v1/auth/me/").status_code == 401


def test_logoutall_leaves_other_users_tokens(auth_client, other_client):
    auth_client.post("/api/v1/auth/logoutall/")
    assert other_client.get("/api/v1/auth/me/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["logout/", "logoutall/"])
def test_logout_without_token_is_401(api_client, path):
    assert api_client.post(f"/api/v1/auth/{path}").status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["", "Token", "Token not-a-real-token", "Bearer abc", "Token a b"])
def test_missing_or_malformed_token_is_401(api_client, header):
    response = api_client.get("/api/v1/auth/me/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert "detail" in response.json()
