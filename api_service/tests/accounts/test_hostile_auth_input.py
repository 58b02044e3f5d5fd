"""Hostile bodies and headers sent to the auth endpoints answer a JSON 4xx, never a 5xx."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/auth/register/"
LOGIN = "/api/v1/auth/login/"
AUTH_POSTS = pytest.mark.parametrize("url", [REGISTER, LOGIN], ids=["register", "login"])


@AUTH_POSTS
def test_malformed_json_is_400(api_client, url):
    response = api_client.post(url, data='{"username": ', content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


@AUTH_POSTS
def test_json_nested_100000_deep_is_400(api_client, url):
    response = api_client.post(url, data="[" * 100_000 + "]" * 100_000, content_type="application/json")
    assert response.status_code == 400
    assert "nesting" in response.json()["detail"]


@AUTH_POSTS
def test_form_encoded_body_is_415(api_client, url):
    response = api_client.post(url, data="username=a&password=b", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert "detail" in response.json()


@AUTH_POSTS
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_oversized_body_is_413_json(api_client, url):
    response = api_client.post(url, {"username": "a", "password": "x" * 2000}, format="json")
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


@AUTH_POSTS
def test_nul_in_query_string_is_400_naming_the_parameter(api_client, url):
    response = api_client.post(f"{url}?next=a%00b", {"username": "a", "password": "b"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"next": ["Null characters are not allowed."]}


@AUTH_POSTS
def test_nul_in_a_json_string_is_400_naming_the_field(api_client, url):
    response = api_client.post(url, {"username": "ab\x00c", "email": "a@example.com", "password": "x"}, format="json")
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.json()["username"]


@AUTH_POSTS
def test_body_that_is_not_an_object_is_400(api_client, url):
    response = api_client.post(url, data='["alice"]', content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "header",
    ["Token abc\x00def", "Token \xff\xfe", "Token " + "a" * 5000],
    ids=["nul", "not-utf8", "huge"],
)
def test_impossible_token_is_401_not_500(api_client, header):
    response = api_client.get("/api/v1/auth/me/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}
