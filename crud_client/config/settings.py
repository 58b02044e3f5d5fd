"""Settings for the Stockroom web client, read from the environment (see the repository's .env.example)."""

from pathlib import Path

import dj_database_url
import jinja2
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# With no configuration at all the client runs in development mode against a local API.
DEBUG = env_bool("CLIENT_DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-stockroom-client-development-only-key-do-not-deploy"
SECRET_KEY = env_str("CLIENT_SECRET_KEY") or (_DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "CLIENT_SECRET_KEY must be set to a random value of at least 50 characters when CLIENT_DEBUG is off."
    )

# Old keys still accepted after a rotation: sessions and the API tokens sealed in them (apiclient/session_token.py)
# keep working until they expire, instead of every user being logged out at once.
SECRET_KEY_FALLBACKS = env_list("CLIENT_SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("CLIENT_ALLOWED_HOSTS", "127.0.0.1,localhost")

# Where the API lives and how long to wait for it: every call has both timeouts (seconds).
API_BASE_URL = env_str("API_BASE_URL", "http://127.0.0.1:8000/api/v1/")
API_CONNECT_TIMEOUT = float(env_str("API_CONNECT_TIMEOUT", "3.05"))
API_READ_TIMEOUT = float(env_str("API_READ_TIMEOUT", "10"))
# Shared with the API's API_TRUSTED_CLIENT_KEY so it believes the end user's forwarded address.
API_CLIENT_KEY = env_str("API_CLIENT_KEY")
# Proxies of this app's own in front of it (nginx: 1). The end user's address, forwarded to the API, is then the
# X-Forwarded-For entry the outermost one added; 0 takes REMOTE_ADDR and ignores X-Forwarded-For.
CLIENT_NUM_PROXIES = env_int("CLIENT_NUM_PROXIES", 0)
# Connections kept open to the API per thread; match the client's own worker threads.
API_POOL_SIZE = env_int("API_POOL_SIZE", 10)
# Idempotent calls (GET, PUT, DELETE) are retried this often on connection errors and 502/503/504.
API_RETRIES = env_int("API_RETRIES", 2)
API_RETRY_BACKOFF = float(env_str("API_RETRY_BACKOFF", "0.1"))
# The largest CSV file the import page sends on: the API's own API_MAX_IMPORT_BYTES, so a larger one is refused
# here, beside the field, before it crosses the network twice.
CLIENT_MAX_IMPORT_BYTES = env_int("CLIENT_MAX_IMPORT_BYTES", 10 * 1024 * 1024)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # its Jinja2 widget templates, beside the project's overrides in jinja2/django/forms/
    "common",
    "accounts",
    "inventory",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "common.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "common.middleware.RequestIdMiddleware",
    "common.middleware.TimingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "accounts.session_user.SessionUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "common.middleware.ApiErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        # Jinja2, not Django's engine: it renders the items page several times faster (common/templating.py).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": True,  # each app's jinja2/ folder, and Django's own Jinja2 widget templates (django.forms)
        "OPTIONS": {
            "environment": "common.templating.environment",
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "common.templating.page_csrf_input",
            ],
            # The same silent undefined in development and production, as Django's engine has (Django's
            # backend would pick DebugUndefined under DEBUG, which prints the variable's name into the page).
            "undefined": jinja2.Undefined,
        },
    },
]

# Inputs and selects are written in Python (common/widget_renderer.py); other widgets render through TEMPLATES,
# where jinja2/django/forms/ replaces Django's slowest widget templates.
FORM_RENDERER = "common.widget_renderer.WidgetRenderer"

# The client's own small database holds sessions and a password-less shadow of each user, nothing else.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("CLIENT_DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
# SQLite for concurrent use (Django's own defaults suit one writer): WAL lets readers and the writer run side by
# side; IMMEDIATE takes the write lock when a transaction starts, so a writer waits its turn (up to the busy
# timeout) instead of failing with "database is locked" when a read turns into a write; NORMAL is safe with WAL.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "stockroom-client",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # A per-process cache in front of sessions would go stale across gunicorn workers.
    SESSION_ENGINE = "accounts.session_store"
# Never signed_cookies: the session holds the user's API token, which must not sit in a cookie.

AUTHENTICATION_BACKENDS = ["accounts.backends.ApiAuthenticationBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"  # the dashboard
LOGOUT_REDIRECT_URL = "accounts:login"

# The API enforces the real password rules at registration; the client only checks the confirmation.
AUTH_PASSWORD_VALIDATORS = []

LANGUAGE_CODE = "en-us"
# The time zone pages show dates in, such as "Europe/London" (the API always answers in UTC).
TIME_ZONE = env_str("CLIENT_TIME_ZONE", "UTC")
# Put before every amount the pages show: a symbol ("£", "$") or a code ("EUR"); empty shows bare amounts.
CLIENT_CURRENCY = env_str("CLIENT_CURRENCY")
# The pages are English only; with translation on, every URL reversed and every widget rendered asks for the
# active language first.
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Files browsers ask for at the site's root, such as /favicon.ico, served by whitenoise as they are.
WHITENOISE_ROOT = BASE_DIR / "public"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Browsers scope cookies by host, not port: the API on the same host must not overwrite these.
SESSION_COOKIE_NAME = "stockroom_sessionid"
CSRF_COOKIE_NAME = "stockroom_csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("CLIENT_SESSION_SECONDS", 10 * 3600)

# Production safety: on whenever DEBUG is off, so `manage.py check --deploy` stays clean.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("CLIENT_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("CLIENT_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("CLIENT_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CLIENT_CSRF_TRUSTED_ORIGINS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "common.logging.RequestIdFilter"}},
    "formatters": {
        "line": {
            "()": "common.logging.EscapingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env_str("CLIENT_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
    },
}
