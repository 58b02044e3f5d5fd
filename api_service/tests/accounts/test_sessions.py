"""GET /api/v1/auth/sessions/ and DELETE /api/v1/auth/sessions/{id}/: where the user is signed in."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from knox.models import AuthToken

from tests.conftest import PASSWORD, client_for

URL = "/api/v1/auth/sessions/"


def sessions(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.json()


def test_a_session_shows_its_public_id_dates_browser_address_and_whether_it_is_current(auth_client, user):
    page = sessions(auth_client)
    assert (page["count"], page["next"], page["previous"]) == (1, None, None)
    [session] = page["results"]
    assert set(session) == {"id", "created", "expiry", "last_used", "user_agent", "ip", "current"}
    assert session["current"] is True


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_a_session_shows_the_end_users_browser_and_address_from_login(api_client, user):
    token = api_client.post(
        "/api/v1/auth/login/",
        {"username": "alice", "password": PASSWORD},
        format="json",
        HTTP_X_CLIENT_KEY="shared-key",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        HTTP_X_FORWARDED_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
    ).json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    [session] = sessions(api_client)["results"]
    assert session["ip"] == "203.0.113.9"
    assert session["user_agent"].endswith("Firefox/140.0")


def test_the_public_id_reveals_nothing_of_the_token(auth_client, user):
    [session] = sessions(auth_client)["results"]
    stored = AuthToken.objects.get(user=user)
    assert session["id"] not in (auth_client.token, stored.digest, stored.token_key)
    assert session["id"] not in auth_client.token and stored.token_key not in session["id"]


def test_sessions_are_newest_first_and_only_one_is_current(auth_client, user):
    AuthToken.objects.filter(user=user).update(created=timezone.now() - timedelta(hours=1))
    newer = client_for(user)
    results = sessions(newer)["results"]
    assert [session["current"] for session in results] == [True, False]
    assert results[0]["created"] > results[1]["created"]


def test_sessions_of_other_users_are_never_listed(auth_client, other_client):
    assert sessions(auth_client)["count"] == 1


def test_expired_sessions_are_not_listed(auth_client, user):
    AuthToken.objects.filter(user=user).update(expiry=timezone.now() - timedelta(seconds=1))
    client = client_for(user)
    assert sessions(client)["count"] == 1


def test_revoking_a_session_is_204_and_its_token_stops_working(auth_client, user):
    elsewhere = client_for(user)
    other_id = next(s["id"] for s in sessions(auth_client)["results"] if not s["current"])
    assert auth_client.delete(f"{URL}{other_id}/").status_code == 204
    assert elsewhere.get("/api/v1/auth/me/").status_code == 401
    assert auth_client.get("/api/v1/auth/me/").status_code == 200
    assert sessions(auth_client)["count"] == 1


def test_revoking_the_current_session_logs_it_out(auth_client):
    [session] = sessions(auth_client)["results"]
    assert auth_client.delete(f"{URL}{session['id']}/").status_code == 204
    assert auth_client.get("/api/v1/auth/me/").status_code == 401


def test_another_users_session_is_404_and_stays(auth_client, other_client):
    [theirs] = sessions(other_client)["results"]
    response = auth_client.delete(f"{URL}{theirs['id']}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert other_client.get("/api/v1/auth/me/").status_code == 200


@pytest.mark.parametrize("session_id", ["no-such-session", "x" * 300, "%00"], ids=["unknown", "huge", "nul"])
def test_an_unknown_session_id_is_404(auth_client, session_id):
    assert auth_client.delete(f"{URL}{session_id}/").status_code == 404


def test_sessions_page_with_page_size(auth_client, user):
    for _ in range(3):
        client_for(user)
    page = auth_client.get(URL, {"page_size": 2}).json()
    assert (page["count"], len(page["results"])) == (4, 2)
    assert page["next"] is not None


def test_listing_sessions_costs_three_queries_however_many_there_are(auth_client, user, django_assert_num_queries):
    for _ in range(5):
        client_for(user)
    with django_assert_num_queries(3):  # the token, the count, the page
        assert auth_client.get(URL).status_code == 200


@pytest.mark.django_db
def test_sessions_without_a_token_are_401(api_client):
    assert api_client.get(URL).status_code == 401


def test_a_page_size_that_is_not_a_positive_integer_is_400(auth_client):
    response = auth_client.get(URL, {"page_size": 0})
    assert (response.status_code, response.json()) == (400, {"page_size": ["Must be a positive integer."]})


def test_a_page_past_the_end_is_404(auth_client):
    assert auth_client.get(URL, {"page": 2}).status_code == 404
