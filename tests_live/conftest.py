"""Fixtures that run the real API and the real web client, talking over real HTTP."""

import pytest

from tests_live.contract_proxy import ContractProxy
from tests_live.mailbox import Mailbox
from tests_live.servers import CLIENT_KEY, LiveServer, free_port, fresh_database


def finish(server, request) -> None:
    """Stop a live server, keeping its log in artifacts/live-logs/ only when a test failed."""
    server.stop()
    if not request.session.testsfailed:
        server.discard_log()


@pytest.fixture(scope="session")
def client_port():
    """Return the port the web client will listen on: the API's reset mails link to it before it starts."""
    return free_port()


@pytest.fixture(scope="session")
def live_api(request, tmp_path_factory, client_port):
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
            "API_PASSWORD_RESET_URL": f"http://127.0.0.1:{client_port}/password-reset/",
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
def contract_proxy(live_api):
    """Pass the live client's calls to the live API, checking each against the API's schema."""
    proxy = ContractProxy(live_api.url).start()
    yield proxy
    proxy.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test during which the live client and the live API exchanged a call that breaks the schema."""
    result = yield
    proxy = item.funcargs.get("contract_proxy") if "contract_proxy" in item.fixturenames else None
    violations = proxy.take_violations() if proxy else []
    if violations and item.get_closest_marker("outside_contract") is None:
        pytest.fail(ContractProxy.report(violations), pytrace=False)
    return result


@pytest.fixture(scope="session")
def live_client(live_api, contract_proxy, request, tmp_path_factory, client_port):
    """Serve the web client with gunicorn, pointed at the live API through the contract-checking proxy."""
    tmp = tmp_path_factory.mktemp("client")
    server = LiveServer(
        "client",
        "crud_client",
        {
            "CLIENT_DATABASE_URL": f"sqlite:///{tmp / 'client.sqlite3'}",
            "CLIENT_DEBUG": "true",
            "API_BASE_URL": f"{contract_proxy.url}/api/v1/",
            "API_CLIENT_KEY": CLIENT_KEY,
            # The production default: password checks (login, password change, deletion) hash on purpose slowly,
            # and on a busy 2-core machine two of them in one call took longer than 3 s.
            "API_READ_TIMEOUT": "10",
            "API_CONNECT_TIMEOUT": "1",
            "API_RETRIES": "1",
        },
        "/login/",
        port=client_port,
    )
    server.env.pop("DATABASE_URL", None)
    server.manage("migrate", "--noinput", "-v", "0")
    server.start()
    yield server
    finish(server, request)
