"""Input a client can send that must answer a JSON 4xx, never a 5xx."""

import pytest
from django.test import override_settings

ITEMS = "/api/v1/items/"


def test_malformed_json_is_400(auth_client):
    response = auth_client.post(ITEMS, data="{bad", content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_json_nested_thousands_deep_is_400(auth_client):
    response = auth_client.post(ITEMS, data="[" * 100_000 + "]" * 100_000, content_type="application/json")
    assert response.status_code == 400
    assert "nesting" in response.json()["detail"]


def test_wrong_media_type_is_415(auth_client):
    response = auth_client.post(ITEMS, data="name=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert "detail" in response.json()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_oversized_body_is_413_json(auth_client):
    response = auth_client.post(ITEMS, {"name": "x" * 2000}, format="json")
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


@pytest.mark.parametrize("query", ["search=a%00b", "ordering=%00", "x%00=1"])
def test_nul_in_query_string_is_400(auth_client, query):
    response = auth_client.get(f"{ITEMS}?{query}")
    assert response.status_code == 400
    assert "Null characters are not allowed." in str(response.json())


def test_nul_in_a_json_string_is_400(auth_client):
    response = auth_client.post(ITEMS, {"name": "a\x00b"}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()


def test_nul_in_login_username_is_400(api_client, db):
    response = api_client.post("/api/v1/auth/login/", {"username": "a\x00", "password": "x"}, format="json")
    assert response.status_code == 400


def test_invalid_content_length_is_400(auth_client):
    response = auth_client.generic("POST", ITEMS, "{}", content_type="application/json", CONTENT_LENGTH="abc")
    assert response.status_code == 400


def test_json_body_that_is_not_an_object_is_400(auth_client):
    response = auth_client.post(ITEMS, data="[1, 2]", content_type="application/json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


@pytest.mark.parametrize("parameter", ["max_price", "min_price", "category", "in_stock"])
def test_an_empty_value_for_a_typed_filter_is_400_naming_it(auth_client, parameter):
    response = auth_client.get(f"{ITEMS}?{parameter}=")
    assert response.status_code == 400
    assert response.json() == {parameter: ["Give a value, or leave the parameter out."]}


@pytest.mark.parametrize("collection", ["items", "categories"])
def test_a_search_of_more_than_ten_words_is_400(auth_client, collection):
    response = auth_client.get(f"/api/v1/{collection}/", {"search": " ".join(f"w{n}" for n in range(11))})
    assert response.status_code == 400
    assert response.json() == {"search": ["Use at most 10 words."]}


def test_a_search_of_ten_words_is_answered(auth_client):
    assert auth_client.get(ITEMS, {"search": " ".join(f"w{n}" for n in range(10))}).status_code == 200


def test_a_search_longer_than_200_characters_is_400(auth_client):
    response = auth_client.get(ITEMS, {"search": "x" * 201})
    assert response.status_code == 400
    assert response.json() == {"search": ["Use at most 200 characters."]}


def test_hundreds_of_search_terms_never_reach_the_database(auth_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):  # the token lookup; nothing searches
        response = auth_client.get(ITEMS, {"search": " ".join("x" for _ in range(900))})
    assert response.status_code == 400
