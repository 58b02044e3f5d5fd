"""Request mixes driven from Python threads, for the figures wrk cannot take (connection reuse, memory)."""

import itertools
import threading
from concurrent.futures import ThreadPoolExecutor

import requests


def page_views(sessions: list[requests.Session], url: str, total: int) -> None:
    """Load `url` `total` times, spread over the sessions, one thread per session; every answer must be a 200."""

    def browse(session, count):
        for _ in range(count):
            answer = session.get(url, timeout=30)
            if answer.status_code != 200:
                raise RuntimeError(f"{url} answered {answer.status_code}")

    share, extra = divmod(total, len(sessions))
    with ThreadPoolExecutor(len(sessions)) as pool:
        jobs = [pool.submit(browse, s, share + (n < extra)) for n, s in enumerate(sessions)]
        for job in jobs:
            job.result()


class MixedTraffic:
    """What API consumers do all day, in a fixed rotation: lists with filters, reads, creates, edits, deletes."""

    def __init__(self, api_url: str, token: str, *, threads: int = 4):
        self.base = f"{api_url}/api/v1/"
        self.headers = {"Authorization": f"Token {token}"}
        self.threads = threads
        self._serial = itertools.count()
        self._lock = threading.Lock()

    def send(self, total: int) -> None:
        """Send `total` requests over the threads; any 5xx or unexpected status stops the run."""
        share, extra = divmod(total, self.threads)
        with ThreadPoolExecutor(self.threads) as pool:
            jobs = [pool.submit(self._user, share + (n < extra)) for n in range(self.threads)]
            for job in jobs:
                job.result()

    def _user(self, count: int) -> None:
        session = requests.Session()
        session.headers.update(self.headers)
        steps = itertools.cycle(self._rotation(session))
        for _ in range(count):
            next(steps)()

    def _rotation(self, session):
        created = {}

        def call(method, path, expected, **kwargs):
            answer = session.request(method, self.base + path, timeout=30, **kwargs)
            if answer.status_code != expected:
                raise RuntimeError(f"{method} {path} answered {answer.status_code}: {answer.text[:200]}")
            return answer

        def create():
            with self._lock:
                serial = next(self._serial)
            body = {"name": f"Bench mixed {serial}", "sku": f"MIX-{serial}", "quantity": 1, "price": "1.00"}
            created.update(call("POST", "items/", 201, json=body).json())

        def edit():
            answer = call(
                "PATCH",
                f"items/{created['id']}/",
                200,
                json={"quantity": 2, "description": "edited"},
                headers={"If-Match": f'"{created["version"]}"'},
            )
            created.update(answer.json())

        def delete():
            call("DELETE", f"items/{created['id']}/", 204, headers={"If-Match": f'"{created["version"]}"'})

        return [
            lambda: call("GET", "items/?page=2&page_size=50", 200),
            lambda: call("GET", "items/?in_stock=true&ordering=-price", 200),
            create,
            lambda: call("GET", f"items/{created['id']}/", 200),
            edit,
            lambda: call("GET", "categories/?page_size=100", 200),
            lambda: call("GET", "items/?in_stock=true&min_price=10&cursor=", 200),
            delete,
            lambda: call("GET", "auth/me/", 200),
        ]
