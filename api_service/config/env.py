"""Read typed settings from the environment, after loading the repository's `.env`."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

REPO_DIR = Path(__file__).resolve().parents[2]

# The real environment wins over `.env`, so deployments never get surprised by a stray file.
load_dotenv(REPO_DIR / ".env", override=False)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """Return the variable as a string, or the default when unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """Return the variable as a boolean; refuse values that are neither true nor false."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    """Return the variable as an integer."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    """Return a comma-separated variable as a list without blanks."""
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def env_email_url(name: str) -> dict:
    """Return Django's EMAIL_* settings from a mail URL (`smtp://user:password@host:587?tls=true`); {} when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {}
    parsed = dj_email_url.parse(raw)
    if "EMAIL_BACKEND" not in parsed:
        raise ImproperlyConfigured(
            f"{name} must start with smtp://, submission://, console://, file:// or memory://, "
            f"not {raw.split(':')[0]!r}."
        )
    if parsed["EMAIL_BACKEND"].endswith("filebased.EmailBackend"):
        # dj-email-url drops the path's leading slash: file:///tmp/mail would write to ./tmp/mail.
        parsed["EMAIL_FILE_PATH"] = urlsplit(raw).path
    return {setting: value for setting, value in parsed.items() if value is not None}
