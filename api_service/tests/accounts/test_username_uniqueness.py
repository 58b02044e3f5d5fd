"""Usernames are one when their NFKC-normalised, case-folded forms are: at registration, at login, in the database."""

from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string

from accounts.models import CanonicalUsername
from accounts.serializers import RegisterSerializer
from tests.conftest import PASSWORD

User = get_user_model()
REGISTER = "/api/v1/auth/register/"
LOGIN = "/api/v1/auth/login/"
SAME_USER = pytest.mark.parametrize(
    ("existing", "other_spelling"),
    [("alice", "ALICE"), ("Äpfel", "äpfel"), ("straße", "STRASSE"), ("Σίσυφος", "σίσυφος"), ("ｆｕｌｌ", "full")],
    ids=["ascii-case", "umlaut-case", "sharp-s", "greek-final-sigma", "fullwidth"],
)


def register(api_client, username):
    body = {"username": username, "email": "someone@example.com", "password": "Sup3r-secret-pw"}
    return api_client.post(REGISTER, body, format="json")


@SAME_USER
def test_registering_another_spelling_of_a_taken_name_is_400(api_client, make_user, existing, other_spelling):
    make_user(existing)
    response = register(api_client, other_spelling)
    assert response.status_code == 400
    assert response.json() == {"username": ["A user with that username already exists."]}
    assert User.objects.count() == 1


@SAME_USER
def test_logging_in_with_another_spelling_logs_in_as_the_user(api_client, make_user, existing, other_spelling):
    user = make_user(existing)
    response = api_client.post(LOGIN, {"username": other_spelling, "password": PASSWORD}, format="json")
    assert response.status_code == 200
    assert response.json()["user"]["id"] == user.id


@pytest.mark.django_db
def test_registration_keeps_the_spelling_the_user_chose(api_client):
    assert register(api_client, "Straße").json()["username"] == "Straße"
    assert CanonicalUsername.objects.get(user__username="Straße").name == "strasse"


def test_every_user_gets_a_canonical_name_however_created(make_user):
    user = make_user("ÅSA")
    assert user.canonical_username.name == "åsa"


def test_renaming_a_user_renames_their_canonical_name(user):
    user.username = "Alicia"
    user.save()
    assert CanonicalUsername.objects.get(user=user).name == "alicia"


def test_saving_other_fields_leaves_the_canonical_name_alone(user, django_assert_num_queries):
    with django_assert_num_queries(1):
        user.save(update_fields=["last_login"])


def test_database_refuses_a_second_user_with_an_equal_canonical_name(make_user):
    make_user("straße")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(username="STRASSE", password="x")


def test_database_refuses_a_username_differing_only_in_case(user):
    with pytest.raises(IntegrityError), transaction.atomic():
        get_user_model().objects.create_user(username="ALICE", password="x")


def test_registration_losing_the_race_is_400_not_500(api_client, make_user):
    make_user("straße")
    # As if "straße" committed between this request's check and its insert.
    with mock.patch.object(RegisterSerializer, "validate_username", side_effect=lambda value: value):
        response = register(api_client, "STRASSE")
    assert response.status_code == 400
    assert response.json() == {"username": ["A user with that username already exists."]}
    assert User.objects.count() == 1


@pytest.fixture
def fill_canonical_usernames():
    """Return the data migration that gave existing users their canonical names, run against today's models."""
    function = import_string("accounts.migrations.0002_canonical_username.fill_canonical_usernames")
    return lambda: function(apps, None)


def test_the_migration_gives_existing_users_their_canonical_names(make_user, fill_canonical_usernames):
    make_user("Äpfel")
    make_user("bob")
    CanonicalUsername.objects.all().delete()
    fill_canonical_usernames()
    assert dict(CanonicalUsername.objects.values_list("user__username", "name")) == {"Äpfel": "äpfel", "bob": "bob"}


def test_an_older_clash_leaves_the_name_to_the_older_account(api_client, make_user, fill_canonical_usernames):
    older = make_user("straße")
    CanonicalUsername.objects.all().delete()
    # Before canonical names, this second spelling could register (the old index compared lower case only).
    newer = User.objects.create_user(username="STRASSE", email="newer@example.com", password=PASSWORD)
    CanonicalUsername.objects.all().delete()
    fill_canonical_usernames()
    assert CanonicalUsername.objects.get(user=older).name == "strasse"
    both = [
        api_client.post(LOGIN, {"username": name, "password": PASSWORD}, format="json")
        for name in ("straße", "STRASSE")
    ]
    assert [answer.json()["user"]["id"] for answer in both] == [older.id, newer.id]
