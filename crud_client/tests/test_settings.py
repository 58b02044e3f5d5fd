"""Production configuration: refuses to start without a secret key, `check --deploy` is clean, SQLite is set up for
concurrent writers."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
PRODUCTION = {
    "CLIENT_DEBUG": "false",
    "CLIENT_SECRET_KEY": "k3y-Z9pQ-w4Lm-8vRt-2sYx-6hNc-1bGf-7jKd-5aEu-0oIy-3rTz",
    "CLIENT_ALLOWED_HOSTS": "www.example.com",
}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CLIENT_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env={**clean, **env}, capture_output=True, text=True
    )


def test_debug_off_without_a_secret_key_refuses_to_start():
    result = manage("check", CLIENT_DEBUG="false")
    assert result.returncode != 0
    assert "CLIENT_SECRET_KEY must be set" in result.stderr


def test_debug_off_with_the_development_key_refuses_to_start():
    result = manage("check", CLIENT_DEBUG="false", CLIENT_SECRET_KEY="django-insecure-" + "a" * 50)
    assert result.returncode != 0


def test_check_deploy_is_clean_for_a_production_configuration():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_sqlite_database_is_opened_for_concurrent_writers(tmp_path):
    code = (
        "from django.db import connection; cursor = connection.cursor(); "
        "print(cursor.execute('PRAGMA journal_mode').fetchone()[0], "
        "cursor.execute('PRAGMA synchronous').fetchone()[0], connection.transaction_mode)"
    )
    result = manage("shell", "-c", code, CLIENT_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.stdout.split()[-3:] == ["wal", "1", "IMMEDIATE"], result.stderr
