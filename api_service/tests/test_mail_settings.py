"""Mail configuration from the environment: console in development, SMTP in production, a file directory for tests."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_email_url

PROJECT = Path(__file__).resolve().parents[1]
PRODUCTION_KEY = "k3y-Z9pQ-w4Lm-8vRt-2sYx-6hNc-1bGf-7jKd-5aEu-0oIy-3rTz"


def mail_settings(**env):
    """Return the EMAIL_* settings the API starts with in this environment (and no .env variables)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("API_")}
    code = (
        "from django.conf import settings; "
        "print(settings.EMAIL_BACKEND.rsplit('.', 2)[-2], settings.EMAIL_HOST, settings.EMAIL_PORT, "
        "settings.EMAIL_USE_TLS, getattr(settings, 'EMAIL_FILE_PATH', None), settings.DEFAULT_FROM_EMAIL, sep='|')"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=PROJECT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1].split("|")


def test_development_prints_mail_on_the_console():
    assert mail_settings()[0] == "console"


def test_production_sends_through_smtp_on_localhost_by_default():
    backend, host, port, *_ = mail_settings(API_DEBUG="false", API_SECRET_KEY=PRODUCTION_KEY)
    assert (backend, host, port) == ("smtp", "localhost", "25")


def test_smtp_from_the_host_variables():
    backend, host, port, tls, *_ = mail_settings(
        API_EMAIL_HOST="mail.example.com", API_EMAIL_PORT="587", API_EMAIL_USE_TLS="true"
    )
    assert (backend, host, port, tls) == ("smtp", "mail.example.com", "587", "True")


def test_smtp_from_a_url_with_the_from_address():
    settings = mail_settings(
        API_EMAIL_URL="submission://user:secret@mail.example.com", API_DEFAULT_FROM_EMAIL="Stock <stock@example.com>"
    )
    assert settings[:4] == ["smtp", "mail.example.com", "587", "True"]
    assert settings[5] == "Stock <stock@example.com>"


def test_a_file_directory_for_the_live_suites(tmp_path):
    backend, *_, path, _ = mail_settings(API_EMAIL_FILE_PATH=str(tmp_path))
    assert (backend, path) == ("filebased", str(tmp_path))


def test_a_file_url_keeps_its_absolute_path(monkeypatch):
    monkeypatch.setenv("MAIL_URL", "file:///var/tmp/stockroom-mail")
    assert env_email_url("MAIL_URL")["EMAIL_FILE_PATH"] == "/var/tmp/stockroom-mail"


def test_a_url_with_credentials_keeps_them_unquoted(monkeypatch):
    monkeypatch.setenv("MAIL_URL", "smtp://ada%40example.com:p%40ss@smtp.example.com:2525?ssl=true")
    parsed = env_email_url("MAIL_URL")
    assert (parsed["EMAIL_HOST_USER"], parsed["EMAIL_HOST_PASSWORD"]) == ("ada@example.com", "p@ss")
    assert (parsed["EMAIL_PORT"], parsed["EMAIL_USE_SSL"]) == (2525, True)


def test_an_unknown_scheme_refuses_to_start(monkeypatch):
    monkeypatch.setenv("MAIL_URL", "smtpx://mail.example.com")
    with pytest.raises(ImproperlyConfigured, match="MAIL_URL must start with smtp://"):
        env_email_url("MAIL_URL")
