"""Sign-in holds up for a crowd, at the default throttle rates: someone hammering one username from an address
does not stop another person at the same address (everyone is 127.0.0.1 under `make run`) logging in through the
web client."""

import pytest
import requests

from tests_live.browsing import Visitor
from tests_live.conftest import finish
from tests_live.servers import LiveServer, fresh_database

KEY = "crowd-client-key"


@pytest.fixture(scope="module")
def default_rate_servers(request, tmp_path_factory):
    """Serve an API with the default throttle rates, and a web client sharing its client key, as `make run` does."""
    tmp = tmp_path_factory.mktemp("crowd")
    url, drop = fresh_database(tmp, "crowd")
    api = LiveServer("crowd-api", "api_service", {"DATABASE_URL": url, "API_TRUSTED_CLIENT_KEY": KEY}, "/healthz")
    for name in [name for name in api.env if name.startswith("API_THROTTLE_")]:
        del api.env[name]  # the defaults, whatever the caller's environment says
    # Counters of its own (one worker's memory): a Redis shared with the suite's other API would add its counts.
    api.env.pop("REDIS_URL", None)
    api.manage("migrate", "--noinput", "-v", "0")
    api.start()
    client = LiveServer(
        "crowd-client",
        "crud_client",
        {
            "CLIENT_DATABASE_URL": f"sqlite:///{tmp / 'client.sqlite3'}",
            "API_BASE_URL": f"{api.url}/api/v1/",
            "API_CLIENT_KEY": KEY,
        },
        "/login/",
    )
    client.env.pop("DATABASE_URL", None)
    client.manage("migrate", "--noinput", "-v", "0")
    client.start()
    yield api, client
    finish(client, request)
    finish(api, request)
    drop()


def test_25_failed_logins_for_one_username_leave_another_user_free_to_log_in(default_rate_servers):
    api, client = default_rate_servers
    username = Visitor(client.url).register()
    Visitor(client.url).register("hammered")

    answers = [
        requests.post(f"{api.url}/api/v1/auth/login/", json={"username": "hammered", "password": "guess"}, timeout=10)
        for _ in range(25)
    ]

    # 10 failures a minute per (username, address); the 25 attempts may straddle one minute's end, not two.
    statuses = [answer.status_code for answer in answers]
    assert set(statuses) == {400, 429} and statuses.count(400) <= 20, statuses
    assert all(int(answer.headers["Retry-After"]) > 0 for answer in answers if answer.status_code == 429)
    visitor = Visitor(client.url)
    visitor.submit("/login/", {"username": username, "password": "Sup3r-secret-pw"})
    assert visitor.path == "/"  # the dashboard
