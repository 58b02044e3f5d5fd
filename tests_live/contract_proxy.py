"""A proxy between the live web client and the live API that checks every call against the API's OpenAPI schema.

The live client is pointed at the proxy instead of the API. Each request it sends and each answer the API gives
are passed on unchanged and checked with the client suite's own contract check (openapi-core; the same rules, from
crud_client/tests/contract/check.py). When the API cannot be reached, the proxy drops the client's connection
without an answer, so the client sees what it would see without the proxy.
"""

import importlib.util
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

from tests_live.servers import ROOT

# Hop-by-hop headers (RFC 9110 §7.6.1) and the ones the proxy recomputes for the body it passes on.
_NOT_FORWARDED = {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "content-length", "host"}


def _load_check():
    """Load the client suite's contract check by its path (the two suites live in different environments)."""
    spec = importlib.util.spec_from_file_location("contract_check", ROOT / "crud_client/tests/contract/check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check = _load_check()


class ContractProxy:
    """Forward HTTP to `upstream`, recording every call that breaks the schema in `violations`."""

    def __init__(self, upstream: str):
        self.upstream = upstream.rstrip("/")
        self.violations: list = []
        self.calls = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="contract-proxy", daemon=True)

    def start(self) -> "ContractProxy":
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()

    def take_violations(self) -> list:
        """Return the violations recorded since the last call, and forget them."""
        with self._lock:
            found, self.violations = self.violations, []
        return found

    @staticmethod
    def report(violations: list) -> str:
        """Return the failure message for calls that broke the schema."""
        return check.report(violations)

    def record(self, response: requests.Response) -> None:
        """Check one forwarded call: the request as the client sent it, the answer as the API gave it."""
        found = check.request_violations(response.request)
        if not found:
            found = check.response_violations(response.request, response)
        with self._lock:
            self.calls += 1
            self.violations.extend(found)

    def _handler(self):
        proxy = self
        session = threading.local()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the client's pooled connections expect

            def log_message(self, *args):
                pass  # the API's own log has every request

            def _forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {name: value for name, value in self.headers.items() if name.lower() not in _NOT_FORWARDED}
                if not hasattr(session, "http"):
                    session.http = requests.Session()
                    session.http.trust_env = False
                try:
                    answer = session.http.request(
                        self.command,
                        proxy.upstream + self.path,
                        headers=headers,
                        data=body,
                        allow_redirects=False,
                        timeout=(5, 60),
                    )
                except requests.RequestException:
                    # The API is down, killed or frozen: answer nothing, as the API itself would not.
                    self.close_connection = True
                    return
                proxy.record(answer)
                self.send_response_only(answer.status_code)
                for name, value in answer.headers.items():
                    if name.lower() not in _NOT_FORWARDED and name.lower() != "content-encoding":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(answer.content)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _forward

        return Handler
