"""What the client keeps itself: sessions and password-less shadow users, never inventory data or tokens in cookies."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from tests.api_payloads import login, user
from tests.conftest import api_url

LOGIN_OK = login("t-9", user=user(id=9, username="dave", email="dave@example.com"))


@pytest.mark.django_db
def test_local_database_has_no_inventory_tables():
    tables = set(connection.introspection.table_names())
    assert "auth_user" in tables and "django_session" in tables
    assert not {table for table in tables if "item" in table or "categor" in table}


@pytest.mark.django_db
def test_no_local_user_holds_a_usable_password(client, api, shadow_user):
    api.post(api_url("auth/login/"), json=LOGIN_OK)
    client.post("/login/", {"username": "dave", "password": "Dave-pw-123"})
    users = get_user_model().objects.all()
    assert {user.username for user in users} == {"alice", "dave"}
    assert not any(user.has_usable_password() for user in users)
    assert not any("Dave-pw-123" in user.password for user in users)


def test_sessions_are_never_signed_cookies():
    assert "signed_cookies" not in settings.SESSION_ENGINE


def test_cookie_names_differ_from_the_apis():
    assert (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME) == ("stockroom_sessionid", "stockroom_csrftoken")
