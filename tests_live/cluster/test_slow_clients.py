"""nginx holds slow and idle clients: 120 sockets trickling headers from one address take no instance's thread."""

import socket
import threading
import time

import pytest
import requests

SLOW_SOCKETS = 120


class Trickle:
    """Open sockets that send a request line and then one header byte at a time, never finishing."""

    def __init__(self, port: int, count: int):
        self.port, self.count = port, count
        self.sockets: list[socket.socket] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._drip, daemon=True)

    def __enter__(self):
        for _ in range(self.count):
            sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            sock.sendall(b"GET /login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            self.sockets.append(sock)
        self.thread.start()
        return self

    def _drip(self):
        while not self.stop.wait(0.5):
            for sock in self.sockets:
                try:
                    sock.sendall(b"X")
                except OSError:
                    pass  # nginx gave up on this one (client_header_timeout): as it should, eventually

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        for sock in self.sockets:
            sock.close()


def slowest_answer(url: str, requests_count: int = 20) -> float:
    """Load `url` one request after another; return the slowest answer's seconds (every answer must be 200)."""
    slowest = 0.0
    with requests.Session() as session:
        for _ in range(requests_count):
            started = time.monotonic()
            assert session.get(url, timeout=10).status_code == 200
            slowest = max(slowest, time.monotonic() - started)
    return slowest


@pytest.mark.parametrize("site", ["client", "api"])
def test_slow_clients_from_one_address_leave_other_users_answered_within_a_second(cluster, site):
    url, port = {
        "client": (f"{cluster.client_url}/login/", cluster.config.port),
        "api": (f"{cluster.api_url}/healthz", cluster.config.port + 1),
    }[site]
    slowest_answer(url, 3)  # warm both instances
    with Trickle(port, SLOW_SOCKETS):
        time.sleep(1)  # every slow socket has started trickling
        assert slowest_answer(url) < 1.0
