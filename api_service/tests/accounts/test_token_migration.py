"""Migration 0003 gives tokens issued before it a session, so an upgrade logs nobody out."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from knox.crypto import hash_token
from rest_framework.test import APIClient

from accounts.models import TokenSession

BEFORE = [("accounts", "0002_canonical_username"), ("knox", "0009_extend_authtoken_field")]
AFTER = [("accounts", "0003_token_sessions")]
TOKEN = "0123456789abcdef" * 4


def migrate(targets):
    """Migrate the test database to `targets`; return the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_tokens_issued_before_sessions_existed_get_one_and_keep_working(user):
    OldAuthToken = migrate(BEFORE).get_model("knox", "AuthToken")
    issued = timezone.now() - timedelta(hours=2)
    old = OldAuthToken.objects.create(digest=hash_token(TOKEN), token_key=TOKEN[:15], user_id=user.pk)
    OldAuthToken.objects.filter(pk=old.pk).update(created=issued, expiry=timezone.now() + timedelta(hours=1))

    migrate(AFTER)

    session = TokenSession.objects.get(token__user=user)
    assert (session.last_used, session.ip, session.user_agent) == (issued, None, None)
    assert len(session.public_id) >= 20
    assert APIClient().get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Token {TOKEN}").status_code == 200
