"""Usernames are unique whatever their letter case, in the serializer and in the database."""

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from accounts.serializers import RegisterSerializer


def test_database_refuses_a_username_differing_only_in_case(user):
    with pytest.raises(IntegrityError), transaction.atomic():
        get_user_model().objects.create_user(username="ALICE", password="x")


def test_registration_losing_the_race_is_400_not_500(api_client, user):
    # As if "alice" committed between this request's check and its insert.
    with mock.patch.object(RegisterSerializer, "validate_username", side_effect=lambda value: value):
        response = api_client.post(
            "/api/v1/auth/register/",
            {"username": "Alice", "email": "alice2@example.com", "password": "Sup3r-secret-pw"},
            format="json",
        )
    assert response.status_code == 400
    assert response.json() == {"username": ["A user with that username already exists."]}
    assert get_user_model().objects.count() == 1
