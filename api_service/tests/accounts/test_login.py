"""POST /api/v1/auth/login/ and the tokens it issues."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from knox.models import AuthToken

from accounts.models import TokenSession
from tests.conftest import PASSWORD

URL = "/api/v1/auth/login/"


def test_login_returns_token_expiry_and_user(api_client, user):
    response = api_client.post(URL, {"username": "alice", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "expiry", "user"}
    assert body["user"] == {"id": user.id, "username": "alice", "email": "alice@example.com"}


def test_token_from_login_authenticates(api_client, user):
    token = api_client.post(URL, {"username": "alice", "password": PASSWORD}, format="json").json()["token"]
    response = api_client.get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200


def test_unknown_user_and_wrong_password_get_identical_answers(api_client, user):
    unknown = api_client.post(URL, {"username": "nobody", "password": PASSWORD}, format="json")
    wrong = api_client.post(URL, {"username": "alice", "password": "wrong-password"}, format="json")
    assert unknown.status_code == wrong.status_code == 400
    assert unknown.json() == wrong.json() == {"non_field_errors": ["Unable to log in with the provided credentials."]}


def test_each_login_issues_its_own_token(api_client, user):
    body = {"username": "alice", "password": PASSWORD}
    first = api_client.post(URL, body, format="json").json()["token"]
    second = api_client.post(URL, body, format="json").json()["token"]
    assert first != second
    assert AuthToken.objects.filter(user=user).count() == 2


def test_tokens_are_stored_hashed(api_client, user):
    token = api_client.post(URL, {"username": "alice", "password": PASSWORD}, format="json").json()["token"]
    stored = AuthToken.objects.get(user=user)
    assert token not in (stored.digest, stored.token_key)
    assert stored.token_key == token[: len(stored.token_key)]


def test_token_expiry_follows_the_configured_ttl(api_client, user, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": timedelta(hours=2)}
    before = timezone.now()
    response = api_client.post(URL, {"username": "alice", "password": PASSWORD}, format="json")
    expiry = AuthToken.objects.get(user=user).expiry
    assert before + timedelta(hours=2) <= expiry <= timezone.now() + timedelta(hours=2)
    # The body's ISO 8601 expiry is the stored one (DRF renders milliseconds).
    assert abs(parse_datetime(response.json()["expiry"]) - expiry) < timedelta(milliseconds=1)


def test_token_past_its_expiry_is_401(api_client, user):
    token = api_client.post(URL, {"username": "alice", "password": PASSWORD}, format="json").json()["token"]
    AuthToken.objects.filter(user=user).update(expiry=timezone.now() - timedelta(seconds=1))
    me = api_client.get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 401


@pytest.mark.django_db
def test_missing_credentials_are_400(api_client):
    response = api_client.post(URL, {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


def test_an_expired_token_is_refused_and_deleted(auth_client, user):
    AuthToken.objects.filter(user=user).update(expiry=timezone.now() - timedelta(seconds=1))
    assert auth_client.get("/api/v1/auth/me/").status_code == 401
    assert not AuthToken.objects.filter(user=user).exists()


def test_login_purges_the_users_expired_tokens(api_client, user):
    AuthToken.objects.create(user, expiry=timedelta(seconds=-1))
    api_client.post(URL, {"username": "alice", "password": PASSWORD}, format="json")
    assert AuthToken.objects.filter(user=user).count() == 1
    assert AuthToken.objects.get(user=user).expiry > timezone.now()


def test_authentication_costs_one_query_however_many_tokens_the_user_has(user, django_assert_num_queries):
    from tests.conftest import client_for

    for _ in range(5):
        AuthToken.objects.create(user)
    client = client_for(user)
    with django_assert_num_queries(1):
        assert client.get("/api/v1/auth/me/").status_code == 200


def session_after_login(api_client, user, **headers):
    """Log in as `user` with these request headers; return the session the login started."""
    api_client.post(URL, {"username": "alice", "password": PASSWORD}, format="json", **headers)
    return AuthToken.objects.get(user=user).session


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_login_through_the_trusted_client_records_the_end_users_address_and_browser(api_client, user):
    session = session_after_login(
        api_client,
        user,
        HTTP_X_CLIENT_KEY="shared-key",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        HTTP_X_FORWARDED_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
        HTTP_USER_AGENT="python-requests/2.34.2",
    )
    assert (session.ip, session.user_agent) == ("203.0.113.9", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_login_without_the_key_records_the_callers_own_address_and_browser(api_client, user):
    session = session_after_login(
        api_client,
        user,
        REMOTE_ADDR="198.51.100.4",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        HTTP_X_FORWARDED_USER_AGENT="Firefox/140.0",
        HTTP_USER_AGENT="curl/8.14.1",
    )
    assert (session.ip, session.user_agent) == ("198.51.100.4", "curl/8.14.1")


def test_a_session_used_within_the_minute_writes_nothing(auth_client, user, django_assert_num_queries):
    auth_client.get("/api/v1/auth/me/")
    with django_assert_num_queries(1):
        auth_client.get("/api/v1/auth/me/")


def test_a_session_idle_for_a_minute_records_its_use(auth_client, user):
    TokenSession.objects.filter(token__user=user).update(last_used=timezone.now() - timedelta(seconds=61))
    before = timezone.now()
    auth_client.get("/api/v1/auth/me/")
    assert TokenSession.objects.get(token__user=user).last_used >= before
