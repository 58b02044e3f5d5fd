"""Fixtures that run the real API and the real web client, talking over real HTTP."""

import pytest

from tests_live.mailbox import Mailbox
from tests_live.servers import CLIENT_KEY, LiveServer, fresh_database


def finish(server, request) -> None:
    """Stop a live server, keeping its log in artifacts/live-logs/ only when a test failed."""
    server.stop()
    if not request.session.testsfailed:
        server.discard_log()


@pytest.fixture(scope="session")
def live_api(request, tmp_path_factory):
    """Serve the API with gunicorn on a fresh database; its mail lands in `live_api.mailbox`."""
    tmp = tmp_path_factory.mktemp("api")
    url, drop = fresh_database(tmp, "api")
    server = LiveServer(
        "api",
        "api_service",
        {
            "DATABASE_URL": url,
            "API_DEBUG": "true",
            "API_TRUSTED_CLIENT_KEY": CLIENT_KEY,
            # The suites log in often from one address; throttling has its own tests in the API suite.
            "API_THROTTLE_AUTH_IP": "10000/min",
            "API_THROTTLE_REGISTER_USERNAME": "10000/min",
            "API_THROTTLE_PASSWORD_FAILURES_USERNAME_IP": "10000/min",
            "API_THROTTLE_PASSWORD_FAILURES_IP": "10000/min",
            "API_THROTTLE_PASSWORD_RESET_EMAIL": "10000/hour",
            "API_THROTTLE_USER": "100000/hour",
            "API_EMAIL_FILE_PATH": str(tmp / "mail"),
        },
        "/healthz",
    )
    server.mailbox = Mailbox(tmp / "mail")
    server.manage("migrate", "--noinput", "-v", "0")
    server.start()
    yield server
    finish(server, request)
    drop()


@pytest.fixture(scope="session")
def live_client(live_api, request, tmp_path_factory):
    """Serve the web client with gunicorn, pointed at the live API."""
    tmp = tmp_path_factory.mktemp("client")
    server = LiveServer(
        "client",
        "crud_client",
        {
            "CLIENT_DATABASE_URL": f"sqlite:///{tmp / 'client.sqlite3'}",
            "CLIENT_DEBUG": "true",
            "API_BASE_URL": f"{live_api.url}/api/v1/",
            "API_CLIENT_KEY": CLIENT_KEY,
            "API_READ_TIMEOUT": "3",
            "API_CONNECT_TIMEOUT": "1",
            "API_RETRIES": "1",
        },
        "/login/",
    )
    server.env.pop("DATABASE_URL", None)
    server.manage("migrate", "--noinput", "-v", "0")
    server.start()
    yield server
    finish(server, request)
