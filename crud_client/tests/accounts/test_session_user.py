"""request.user comes from the session's snapshot of the shadow user, and the session from one SELECT."""

import pytest
from django.contrib.auth import HASH_SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.session_store import SessionStore
from accounts.session_user import SNAPSHOT_KEY
from tests.conftest import api_url

ME = {"id": 7, "username": "alice", "email": "alice@example.com", "date_joined": "2026-01-01T00:00:00Z"}


def test_a_signed_in_page_reads_no_user_row_and_at_most_the_session(logged_in_client, api):
    api.get(api_url("auth/me/"), json=ME)
    with CaptureQueriesContext(connection) as queries:
        assert logged_in_client.get("/account/email/").status_code == 200
    # One SELECT of the session without Redis; none with it (cached_db answers from the cache).
    assert [query["sql"] for query in queries if "django_session" not in query["sql"]] == []
    assert len(queries) <= 1


def test_the_page_shows_the_user_from_the_snapshot(logged_in_client, api, shadow_user):
    api.get(api_url("auth/me/"), json=ME)
    assert '<span class="username">alice</span>' in logged_in_client.get("/account/email/").content.decode()


def test_a_session_whose_auth_hash_no_longer_matches_is_signed_out(logged_in_client, shadow_user):
    session = logged_in_client.session
    session[HASH_SESSION_KEY] = "forged"
    session.save()
    response = logged_in_client.get("/items/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert SNAPSHOT_KEY not in logged_in_client.session


def test_a_session_without_a_snapshot_is_read_as_django_reads_it_and_gains_one(logged_in_client, api, shadow_user):
    session = logged_in_client.session
    del session[SNAPSHOT_KEY]
    session.save()
    api.get(api_url("auth/me/"), json=ME)
    assert logged_in_client.get("/account/email/").status_code == 200
    assert logged_in_client.session[SNAPSHOT_KEY]["username"] == "alice"


def test_changing_the_email_changes_the_snapshot_too(logged_in_client, api):
    api.patch(api_url("auth/me/"), json={**ME, "email": "new@example.com"})
    api.get(api_url("auth/me/"), json={**ME, "email": "new@example.com"})
    api.get(api_url("auth/sessions/"), json={"count": 0, "next": None, "previous": None, "results": []})
    logged_in_client.post("/account/email/", {"email": "new@example.com"})
    assert logged_in_client.session[SNAPSHOT_KEY]["email"] == "new@example.com"


@pytest.mark.django_db
def test_the_session_store_reads_a_saved_session():
    store = SessionStore()
    store["colour"] = "blue"
    store.save()
    assert SessionStore(store.session_key)["colour"] == "blue"


@pytest.mark.django_db
def test_the_session_store_reads_an_expired_session_as_empty_and_forgets_its_key():
    store = SessionStore()
    store["colour"] = "blue"
    store.save()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now())
    expired = SessionStore(store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None


@pytest.mark.django_db
def test_the_session_store_reads_tampered_data_as_empty():
    store = SessionStore()
    store["colour"] = "blue"
    store.save()
    Session.objects.filter(session_key=store.session_key).update(session_data="not-signed")
    assert SessionStore(store.session_key).load() == {}
