"""Make usernames unique whatever their letter case, in the database itself."""

from django.db import migrations

# The registration serializer refuses "Alice" when "alice" exists, but two registrations racing each other
# both pass that check; this index lets only one of them commit. An expression index needs no custom user
# model and works the same on SQLite and PostgreSQL.
INDEX = "accounts_user_username_lower_uniq"


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunSQL(
            f"CREATE UNIQUE INDEX {INDEX} ON auth_user (LOWER(username))",
            reverse_sql=f"DROP INDEX {INDEX}",
        ),
    ]
