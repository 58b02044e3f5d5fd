"""The API token is sealed in the session store: a copy of the client's database or cache alone yields no token."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session

from apiclient import api_client_for, save_token, token_from, token_has_expired
from tests.api_payloads import user
from tests.conftest import TOKEN, api_url


@pytest.fixture
def stored(db):
    """Return a saved session holding the token, as a login leaves it."""
    session = SessionStore()
    save_token(session, TOKEN, "2099-01-01T00:00:00Z")
    session.save()
    return session


def test_the_session_store_holds_no_usable_token(stored):
    row = Session.objects.get(session_key=stored.session_key)
    assert TOKEN not in row.session_data
    decoded = row.get_decoded()
    assert TOKEN not in str(decoded)
    assert decoded["api_token"].startswith("gAAAAA")  # a Fernet token: version byte, timestamp, IV, ciphertext, tag


def test_the_client_opens_it_with_its_own_key(stored):
    assert token_from(SessionStore(session_key=stored.session_key)) == TOKEN


def test_without_the_clients_secret_key_the_copy_opens_nothing(stored, settings):
    settings.SECRET_KEY = "another-deployment-" + "k" * 50
    assert token_from(SessionStore(session_key=stored.session_key)) is None


def test_a_rotated_key_still_opens_tokens_sealed_before_the_rotation(stored, settings):
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "the-new-key-" + "n" * 50
    assert token_from(SessionStore(session_key=stored.session_key)) == TOKEN


def test_a_tampered_value_is_no_token(db):
    session = SessionStore()
    session["api_token"] = TOKEN  # as stored before sealing existed, or forged
    assert token_from(session) is None


def test_each_seal_differs_so_equal_tokens_do_not_show(db):
    first, second = SessionStore(), SessionStore()
    save_token(first, TOKEN)
    save_token(second, TOKEN)
    assert first["api_token"] != second["api_token"]


def test_the_api_gets_the_opened_token(rf, stored, api):
    request = rf.get("/")
    request.session = SessionStore(session_key=stored.session_key)
    api.get(api_url("auth/me/"), json=user())
    api_client_for(request).auth.me()
    assert api.calls[0].request.headers["Authorization"] == f"Token {TOKEN}"


def test_the_expiry_from_login_tells_expired_from_revoked(db):
    session = SessionStore()
    save_token(session, TOKEN, "2099-01-01T00:00:00Z")
    assert not token_has_expired(session)
    save_token(session, TOKEN, "2020-01-01T00:00:00Z")
    assert token_has_expired(session)
