"""Simulated API consumers: each registers, logs in, then creates, lists, updates and deletes its own items."""

import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

import requests

PASSWORD = "Soak-test-password-2026"


@dataclass
class Ledger:
    """What the API acknowledged to one user, to compare with the database at the end."""

    username: str
    items: dict = field(default_factory=dict)  # id -> {"name", "price", "version"} as last acknowledged
    deleted: set = field(default_factory=set)
    uncertain: set = field(default_factory=set)  # ids whose last write got no answer: left out of the check


@dataclass
class Stats:
    """Requests, statuses and latencies seen by one user."""

    statuses: Counter = field(default_factory=Counter)
    latencies: list = field(default_factory=list)
    unanswered: int = 0


class MixedOperations:
    """The soak's mix of operations over a user's own items (`ledger`, `rng`, and create/list/update/delete)."""

    def step(self) -> None:
        """Do one operation: 30 % creates (only creates until there is an item), 30 % lists, 30 % updates, 10 %
        deletes, never on an item whose last write went unanswered."""
        live = [pk for pk in self.ledger.items if pk not in self.ledger.uncertain]
        choice = self.rng.random()
        if choice < 0.3 or not live:
            self.create()
        elif choice < 0.6:
            self.list()
        elif choice < 0.9:
            self.update(self.rng.choice(live))
        else:
            self.delete(self.rng.choice(live))


class SimulatedUser(MixedOperations):
    """One API consumer with its own token, ledger and statistics."""

    def __init__(self, base_url: str, number: int, seed: int):
        self.base = base_url + "/api/v1/"
        self.http = requests.Session()
        self.rng = random.Random(seed)
        self.ledger = Ledger(f"soak-{uuid.uuid4().hex[:8]}-{number}")
        self.stats = Stats()

    def call(self, method, path, *, timeout=10, **kwargs):
        """Send one request, recording its status and latency; None when it got no answer."""
        started = time.perf_counter()
        try:
            response = self.http.request(method, self.base + path, timeout=timeout, **kwargs)
        except requests.RequestException:
            self.stats.unanswered += 1
            return None
        self.stats.latencies.append(time.perf_counter() - started)
        self.stats.statuses[response.status_code] += 1
        return response

    def sign_up(self) -> bool:
        """Register and log in."""
        account = {
            "username": self.ledger.username,
            "email": f"{self.ledger.username}@example.com",
            "password": PASSWORD,
        }
        # Password hashing is deliberately slow: many users signing up at once queue behind each other.
        self.call("POST", "auth/register/", json=account, timeout=60)
        credentials = {"username": account["username"], "password": PASSWORD}
        answer = self.call("POST", "auth/login/", json=credentials, timeout=60)
        if answer is None or answer.status_code != 200:
            return False
        self.http.headers["Authorization"] = f"Token {answer.json()['token']}"
        return True

    def run_until(self, deadline: float, think_ms: int = 0) -> None:
        """Do a random mix of operations until the deadline, pausing up to `think_ms` between them like a person."""
        while time.monotonic() < deadline:
            if think_ms:
                time.sleep(self.rng.uniform(0, think_ms) / 1000)
            self.step()

    def create(self) -> None:
        """Create an item with an idempotency key; an unanswered create is retried with the same key."""
        body = {
            "name": f"item {uuid.uuid4().hex[:10]}",
            "price": f"{self.rng.randint(1, 99999) / 100:.2f}",
            "quantity": self.rng.randint(0, 50),
        }
        headers = {"Idempotency-Key": uuid.uuid4().hex}
        for _attempt in range(3):
            answer = self.call("POST", "items/", json=body, headers=headers)
            if answer is not None and answer.status_code < 500:
                break
        if answer is not None and answer.status_code == 201:
            data = answer.json()
            self.ledger.items[data["id"]] = {"name": data["name"], "price": data["price"], "version": data["version"]}

    def list(self) -> None:
        """List with a filter, a search or an ordering."""
        params = self.rng.choice(
            [{"in_stock": "true"}, {"ordering": "-price"}, {"search": "item"}, {"min_price": "10"}]
        )
        self.call("GET", "items/", params={**params, "page_size": 20})

    def update(self, pk: int) -> None:
        """Change the price with If-Match on the acknowledged version."""
        known = self.ledger.items[pk]
        price = f"{self.rng.randint(1, 99999) / 100:.2f}"
        answer = self.call(
            "PATCH", f"items/{pk}/", json={"price": price}, headers={"If-Match": f'"{known["version"]}"'}
        )
        if answer is None or answer.status_code >= 500:
            self.ledger.uncertain.add(pk)
        elif answer.status_code == 200:
            data = answer.json()
            self.ledger.items[pk] = {"name": data["name"], "price": data["price"], "version": data["version"]}

    def delete(self, pk: int) -> None:
        """Delete with If-Match on the acknowledged version."""
        answer = self.call("DELETE", f"items/{pk}/", headers={"If-Match": f'"{self.ledger.items[pk]["version"]}"'})
        if answer is None or answer.status_code >= 500:
            self.ledger.uncertain.add(pk)
        elif answer.status_code == 204:
            del self.ledger.items[pk]
            self.ledger.deleted.add(pk)
