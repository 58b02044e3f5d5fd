"""The transport against real local HTTP servers: timeouts and retries that `responses` cannot show."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from apiclient import ApiClient, ApiUnavailable


class SlowHandler(BaseHTTPRequestHandler):
    """Answer only after the client has given up."""

    def do_GET(self):  # noqa: N802 - the name http.server dispatches to
        time.sleep(2)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_api(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.API_BASE_URL = f"http://127.0.0.1:{server.server_address[1]}/api/v1/"
    settings.API_READ_TIMEOUT = 0.3
    yield server
    server.shutdown()


def test_a_slow_api_is_unavailable_once_the_read_timeout_passes(slow_api):
    started = time.monotonic()
    with pytest.raises(ApiUnavailable):
        ApiClient().items.list()
    # One attempt only (read timeouts are not retried), so the user waits about one read timeout.
    assert time.monotonic() - started < 1.5


def test_a_closed_port_is_unavailable_after_retries(settings):
    settings.API_BASE_URL = "http://127.0.0.1:1/api/v1/"
    with pytest.raises(ApiUnavailable):
        ApiClient().items.list()


class FlakyHandler(BaseHTTPRequestHandler):
    """Answer 503 to the first request of each method, then 200 with an empty listing."""

    seen: list[str] = []

    def answer(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        first = self.command not in self.seen
        self.seen.append(self.command)
        body = b'{"count": 0, "next": null, "previous": null, "results": []}'
        self.send_response(503 if first else 200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = answer  # noqa: N815 - the names http.server dispatches to

    def log_message(self, *args):
        pass


@pytest.fixture
def flaky_api(settings):
    FlakyHandler.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FlakyHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.API_BASE_URL = f"http://127.0.0.1:{server.server_address[1]}/api/v1/"
    yield FlakyHandler.seen
    server.shutdown()


def test_over_real_sockets_a_get_is_retried_after_a_503(flaky_api):
    assert ApiClient().items.list().count == 0
    assert flaky_api == ["GET", "GET"]


def test_over_real_sockets_a_post_is_sent_once(flaky_api):
    with pytest.raises(ApiUnavailable):
        ApiClient().items.create({"name": "x"})
    assert flaky_api == ["POST"]
