"""The admin's user pages compare usernames canonically, so a clash is a form error, never a server error."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("boss", is_staff=True, is_superuser=True))
    return client


def test_adding_another_spelling_of_a_taken_username_is_refused_on_the_form(admin_client, make_user):
    make_user("straße")
    response = admin_client.post(
        "/admin/auth/user/add/",
        {
            "username": "STRASSE",
            "password1": "Sup3r-secret-pw",
            "password2": "Sup3r-secret-pw",
            "usable_password": "true",
        },
    )
    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()
    assert not get_user_model().objects.filter(username="STRASSE").exists()


def test_renaming_a_user_to_another_spelling_of_a_taken_username_is_refused(admin_client, make_user):
    make_user("straße")
    carol = make_user("carol")
    response = admin_client.post(
        f"/admin/auth/user/{carol.pk}/change/",
        {"username": "Strasse", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00"},
    )
    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()


def test_a_user_keeps_their_own_username_on_the_change_form(admin_client, user):
    response = admin_client.post(
        f"/admin/auth/user/{user.pk}/change/",
        {"username": "ALICE", "email": "a@example.com", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.username, user.canonical_username.name) == ("ALICE", "alice")
