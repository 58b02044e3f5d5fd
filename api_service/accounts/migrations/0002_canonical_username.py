"""Store every user's canonical username (NFKC + case folding) under a unique index, and fill it for existing users."""

import logging
import unicodedata

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

logger = logging.getLogger("stockroom.migrations")


def canonical(username):
    # A copy of accounts.usernames.canonical_username as it was when this migration was written.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", username).casefold())


def fill_canonical_usernames(apps, schema_editor):
    """Give each existing user their canonical username; on a clash the older account keeps it."""
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    CanonicalUsername = apps.get_model("accounts", "CanonicalUsername")
    taken = set(CanonicalUsername.objects.values_list("name", flat=True))
    rows = []
    for pk, username in User.objects.order_by("pk").values_list("pk", "username").iterator():
        name = canonical(username)
        if name in taken:
            # Registered before names were compared this way (SQLite compared only ASCII letters without case):
            # this account keeps logging in by its exact username, and its name stays unavailable to others.
            logger.warning(
                "Username %r clashes with an older account; it signs in by its exact spelling only.", username
            )
            name = f"{name} (user {pk})"
        taken.add(name)
        rows.append(CanonicalUsername(user_id=pk, name=name))
    CanonicalUsername.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_username_unique_ignoring_case"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CanonicalUsername",
            fields=[
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="canonical_username",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("name", models.TextField(unique=True)),
            ],
        ),
        migrations.RunPython(fill_canonical_usernames, migrations.RunPython.noop),
    ]
