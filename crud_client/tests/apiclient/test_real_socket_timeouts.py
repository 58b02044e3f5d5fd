"""Timeouts against a real, slow local HTTP server (responses cannot simulate a server that never answers)."""

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
