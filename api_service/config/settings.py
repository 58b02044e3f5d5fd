"""Settings for the Stockroom API service, read from the environment (see the repository's .env.example)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_email_url, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# With no configuration at all the service runs in development mode on SQLite.
DEBUG = env_bool("API_DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-stockroom-api-development-only-key-do-not-deploy"
SECRET_KEY = env_str("API_SECRET_KEY") or (_DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "API_SECRET_KEY must be set to a random value of at least 50 characters when API_DEBUG is off."
    )

ALLOWED_HOSTS = env_list("API_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "accounts.apps.AdminConfig",  # django.contrib.admin, its login throttled like every other
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "common",
    "accounts",
    "inventory",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "common.middleware.RequestIdMiddleware",
    "common.middleware.ReleaseRequestMiddleware",
    "common.middleware.RequestLogMiddleware",
    "common.middleware.InputGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite by default, PostgreSQL (or any dj-database-url URL) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("API_DB_CONN_MAX_AGE", 60),
        # A pooled connection that died with a database restart is replaced instead of failing a request.
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
    # Django's SQLite backend, with writers queued on a file lock rather than polling for SQLite's (P9).
    DATABASES["default"]["ENGINE"] = "common.sqlite_backend"
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Item history is read by owner or by item, newest first, through composite indexes (inventory/history_records.py);
# the library's own index on the date alone would serve no query.
SIMPLE_HISTORY_DATE_INDEX = False

# Cache: Redis when REDIS_URL is set, so throttle counters are shared by every process and host.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "stockroom-api",
            # Fail fast when Redis is down: throttles then let requests through instead of hanging them.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Usernames are compared canonically (NFKC + case folding) at every login: JSON, browsable API and admin.
AUTHENTICATION_BACKENDS = ["accounts.backends.CanonicalUsernameBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Browsers scope cookies by host, not port: the web client on the same host must not overwrite these.
SESSION_COOKIE_NAME = "stockroom_api_sessionid"
CSRF_COOKIE_NAME = "stockroom_api_csrftoken"
SESSION_COOKIE_HTTPONLY = True

# Requests larger than this are refused with a JSON 413 before any parser reads them.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("API_MAX_BODY_BYTES", 1024 * 1024)
# The CSV import's own limit (its view names this setting; common/middleware.py).
MAX_IMPORT_BYTES = env_int("API_MAX_IMPORT_BYTES", 10 * 1024 * 1024)
# Days a deleted item stays in the trash before `manage.py purge_trash` deletes it for good.
TRASH_DAYS = env_int("API_TRASH_DAYS", 30)

REST_FRAMEWORK = {
    # Knox first: its `Token` challenge makes unauthenticated requests 401 rather than 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "common.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "common.pagination.ListPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "common.filters.StrictFilterBackend",
        "common.filters.StrictSearchFilter",
        "common.filters.StrictOrderingFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "common.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["common.throttling.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        # Failed password checks (logins on every route, password changes, account deletions): per username at
        # one address, and per address. Under `make run` everyone arrives as 127.0.0.1, so the per-address rate
        # leaves room for others while one username is being hammered.
        "password_failures_username_ip": env_str("API_THROTTLE_PASSWORD_FAILURES_USERNAME_IP", "10/min"),
        "password_failures_ip": env_str("API_THROTTLE_PASSWORD_FAILURES_IP", "50/min"),
        # Requests to registration and the password reset endpoints, per address; registrations per username.
        "auth_ip": env_str("API_THROTTLE_AUTH_IP", "20/min"),
        "register_username": env_str("API_THROTTLE_REGISTER_USERNAME", "10/min"),
        # Reset mails per email address, so nobody can fill someone's inbox.
        "password_reset_email": env_str("API_THROTTLE_PASSWORD_RESET_EMAIL", "5/hour"),
        "user": env_str("API_THROTTLE_USER", "2000/hour"),
    },
    "EXCEPTION_HANDLER": "common.exceptions.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "common.schema.StockroomAutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

# The web client reaches the API from its own address; it forwards the end user's address, which is
# believed only when the request carries this shared key (or comes through API_NUM_PROXIES proxies).
TRUSTED_CLIENT_KEY = env_str("API_TRUSTED_CLIENT_KEY")
# 0, not DRF's default None: with None DRF believes any X-Forwarded-For a caller cares to send.
REST_FRAMEWORK["NUM_PROXIES"] = env_int("API_NUM_PROXIES", 0)

REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env_int("API_TOKEN_TTL_HOURS", 10)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
    "TOKEN_LIMIT_PER_USER": None,
    "USER_SERIALIZER": "accounts.serializers.UserSerializer",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Stockroom API",
    "DESCRIPTION": "Categories and items owned by the authenticated user. "
    "Authenticate with `Authorization: Token <token>` from `POST /api/v1/auth/login/`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Operation ids start after the version: `items_list`, not `v1_items_list` (common.schema.StockroomAutoSchema).
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.schema.add_server_responses",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    # Two fields are named `action`: a bulk request's and a history entry's.
    "ENUM_NAME_OVERRIDES": {
        "BulkActionEnum": "inventory.bulk.ACTIONS",
        "HistoryActionEnum": "inventory.history_records.ItemChange.Action",
    },
    # Swagger UI would otherwise show a badge fetched from validator.swagger.io, telling it the schema's URL.
    # persistAuthorization: the token typed into Authorize survives a reload of the docs.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None, "persistAuthorization": True},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # common.docs serves the sidecar's Redoc bundle here, without the logo it would fetch from cdn.redoc.ly.
    "REDOC_DIST": "/api/redoc",
}

# Mail (password reset links): API_EMAIL_URL, or the API_EMAIL_HOST... variables; with neither, the console in
# development (the link shows in `make run`'s output) and SMTP on localhost in production. API_EMAIL_FILE_PATH
# writes every mail into that directory instead, for the live test suites to read.
_SMTP, _CONSOLE = "django.core.mail.backends.smtp.EmailBackend", "django.core.mail.backends.console.EmailBackend"
_mail = env_email_url("API_EMAIL_URL")
if env_str("API_EMAIL_FILE_PATH"):
    _mail = {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}
    EMAIL_FILE_PATH = env_str("API_EMAIL_FILE_PATH")
elif "EMAIL_FILE_PATH" in _mail:
    EMAIL_FILE_PATH = _mail["EMAIL_FILE_PATH"]
_smtp_configured = bool(env_str("API_EMAIL_HOST")) or not DEBUG
EMAIL_BACKEND = _mail.get(
    "EMAIL_BACKEND", _SMTP if _smtp_configured else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = _mail.get("EMAIL_HOST", env_str("API_EMAIL_HOST", "localhost"))
EMAIL_PORT = _mail.get("EMAIL_PORT", env_int("API_EMAIL_PORT", 25))
EMAIL_HOST_USER = _mail.get("EMAIL_HOST_USER", env_str("API_EMAIL_HOST_USER"))
EMAIL_HOST_PASSWORD = _mail.get("EMAIL_HOST_PASSWORD", env_str("API_EMAIL_HOST_PASSWORD"))
EMAIL_USE_TLS = _mail.get("EMAIL_USE_TLS") or env_bool("API_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _mail.get("EMAIL_USE_SSL") or env_bool("API_EMAIL_USE_SSL", False)
# Mail goes out on a background thread; a mail server that hangs must still let it go on to the next.
EMAIL_TIMEOUT = _mail.get("EMAIL_TIMEOUT", env_int("API_EMAIL_TIMEOUT", 10))
DEFAULT_FROM_EMAIL = env_str("API_DEFAULT_FROM_EMAIL", "Stockroom <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The web client's page for a reset link; the mail links to it + `<uidb64>/<token>/`.
PASSWORD_RESET_URL = env_str("API_PASSWORD_RESET_URL", "http://127.0.0.1:8001/password-reset/").rstrip("/") + "/"
# Seconds a reset link stays valid (it also dies once used, or when the password changes).
PASSWORD_RESET_TIMEOUT = env_int("API_PASSWORD_RESET_TIMEOUT", 3600)

# Production safety: on whenever DEBUG is off, so `manage.py check --deploy` stays clean.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("API_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("API_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("API_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("API_CSRF_TRUSTED_ORIGINS")

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
    "root": {"handlers": ["console"], "level": env_str("API_LOG_LEVEL", "INFO")},
    "loggers": {
        # Our request log replaces Django's own per-request warnings, which would log each 4xx twice.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
    },
}
