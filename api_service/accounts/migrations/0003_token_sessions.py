"""Give every API token a session row: an opaque public id, the end user's address and browser, and its last use.

Tokens issued before this migration get a row too (with no address or browser known), so they keep working and
show in the user's list of sessions.
"""

import secrets

import accounts.models
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def add_sessions_for_existing_tokens(apps, schema_editor):
    """Give each existing token a session, last used when it was issued."""
    AuthToken = apps.get_model("knox", "AuthToken")
    TokenSession = apps.get_model("accounts", "TokenSession")
    sessions = (
        TokenSession(token_id=digest, public_id=secrets.token_urlsafe(16), last_used=created)
        for digest, created in AuthToken.objects.values_list("digest", "created").iterator()
    )
    TokenSession.objects.bulk_create(sessions, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_canonical_username"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [
        migrations.CreateModel(
            name="TokenSession",
            fields=[
                (
                    "token",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="session",
                        serialize=False,
                        to="knox.authtoken",
                    ),
                ),
                (
                    "public_id",
                    models.CharField(default=accounts.models.new_public_id, editable=False, max_length=32, unique=True),
                ),
                ("user_agent", models.CharField(blank=True, max_length=512, null=True)),
                ("ip", models.GenericIPAddressField(blank=True, null=True)),
                ("last_used", models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.RunPython(add_sessions_for_existing_tokens, migrations.RunPython.noop),
    ]
