"""The servers under test: the API (production settings plus control views) and the web client, on seeded data."""

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

import requests

from tests_live.browsing import Visitor
from tests_live.servers import ROOT, LiveServer, fresh_database, jemalloc_library

BENCH_USER, BENCH_PASSWORD = "bench", "bench-password-2026"
CLIENT_KEY = secrets.token_urlsafe(24)
_PRODUCTION = {"API_DEBUG": "false", "API_SECURE_SSL_REDIRECT": "false", "API_SECURE_COOKIES": "false"}
# Every server on the allocator deploy/ gives production (jemalloc where installed; bench/run.py records which).
_JEMALLOC = jemalloc_library()
ALLOCATOR = {"LD_PRELOAD": _JEMALLOC} if _JEMALLOC else {}
# Throttling still runs on every request (as in production); the bench just never hits its limits.
_UNTHROTTLED = {
    "API_THROTTLE_AUTH_IP": "1000000/min",
    "API_THROTTLE_PASSWORD_FAILURES_IP": "1000000/min",
    "API_THROTTLE_USER": "100000000/hour",
}


@dataclass
class Scale:
    """How much data the bench user owns, and how many rows other users own beside it."""

    items: int
    categories: int
    other_users: int
    other_items: int


def start_api(
    tmp: Path, *, workers: int, threads: int, name: str = "bench-api", sqlite: bool = False
) -> tuple[LiveServer, callable]:
    """Migrate a fresh database (SQLite when `sqlite`, else as DATABASE_URL says) and serve the API with gunicorn
    (gthread) in its bench configuration."""
    url, drop = (f"sqlite:///{tmp / f'{name}.sqlite3'}", lambda: None) if sqlite else fresh_database(tmp, "bench")
    server = LiveServer(
        name,
        "api_service",
        {
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "bench_api.settings",
            "PYTHONPATH": str(ROOT / "bench"),
            "API_SECRET_KEY": secrets.token_urlsafe(50),
            "API_ALLOWED_HOSTS": "127.0.0.1",
            "API_TRUSTED_CLIENT_KEY": CLIENT_KEY,
            "API_LOG_LEVEL": "WARNING",
            **_PRODUCTION,
            **_UNTHROTTLED,
            **ALLOCATOR,
        },
        "/healthz",
        workers=workers,
        threads=threads,
    )
    server.manage("migrate", "--noinput", "-v", "0")
    return server, drop


def seed(api: LiveServer, scale: Scale) -> None:
    """Give the bench user its items and categories, and other users theirs, with the API's `seed_demo`."""
    api.manage(
        "seed_demo",
        "--username",
        BENCH_USER,
        "--password",
        BENCH_PASSWORD,
        "--items",
        str(scale.items),
        "--categories",
        str(scale.categories),
        "--other-users",
        str(scale.other_users),
        "--other-items",
        str(scale.other_items),
    )


def start_client(tmp: Path, api_url: str, *, name: str, threads: int, settings: str = "") -> LiveServer:
    """Serve the web client with production settings (DEBUG off, collected static files) against `api_url`;
    `settings` names a bench module that extends them (P5's Django floor)."""
    bench_settings = {"DJANGO_SETTINGS_MODULE": settings, "PYTHONPATH": str(ROOT / "bench")} if settings else {}
    server = LiveServer(
        name,
        "crud_client",
        {
            **bench_settings,
            "CLIENT_DATABASE_URL": f"sqlite:///{tmp / f'{name}.sqlite3'}",
            "CLIENT_DEBUG": "false",
            "CLIENT_SECRET_KEY": secrets.token_urlsafe(50),
            "CLIENT_ALLOWED_HOSTS": "127.0.0.1",
            "CLIENT_SECURE_SSL_REDIRECT": "false",
            "CLIENT_SECURE_COOKIES": "false",
            "CLIENT_LOG_LEVEL": "WARNING",
            "API_BASE_URL": f"{api_url}/api/v1/",
            "API_CLIENT_KEY": CLIENT_KEY,
            **ALLOCATOR,
        },
        "/login/",
        workers=1,
        threads=threads,
    )
    server.env.pop("DATABASE_URL", None)
    server.manage("migrate", "--noinput", "-v", "0")
    server.manage("collectstatic", "--noinput", "-v", "0")
    return server


def start_floor(api_url: str, token: str) -> LiveServer:
    """Serve P5's floor (bench_client/floor.py) as the client is served, calling `api_url` with the bench's token."""
    return LiveServer(
        "bench-floor",
        "crud_client",
        {
            "PYTHONPATH": str(ROOT / "bench"),
            "API_BASE_URL": f"{api_url}/api/v1/",
            "API_CLIENT_KEY": CLIENT_KEY,
            "BENCH_API_TOKEN": token,
            **ALLOCATOR,
        },
        "/healthz",
        workers=1,
        threads=4,
        app="bench_client.floor",
    )


def api_token(api: LiveServer) -> str:
    """Log the bench user in to the API and return the token."""
    body = {"username": BENCH_USER, "password": BENCH_PASSWORD}
    answer = requests.post(f"{api.url}/api/v1/auth/login/", json=body, timeout=10)
    answer.raise_for_status()
    return answer.json()["token"]


def client_session(client: LiveServer) -> requests.Session:
    """Log the bench user in to the web client through its login form; return the browser-like session."""
    visitor = Visitor(client.url)
    visitor.submit("/login/", {"username": BENCH_USER, "password": BENCH_PASSWORD})
    if visitor.path == "/login/":
        raise RuntimeError(f"client login failed: {visitor.page.status_code}")
    return visitor.http


def api_shell(api: LiveServer, code: str) -> dict:
    """Run code inside the API's configuration that prints one JSON object; return it."""
    return json.loads(api.shell(code))
