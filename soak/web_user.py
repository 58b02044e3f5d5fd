"""Simulated people in the web client: each registers, then creates, lists, edits and deletes items through the
pages, as a browser without JavaScript does, and keeps a ledger of what the pages confirmed."""

import random
import re
import time
import uuid
from dataclasses import dataclass

import requests

from soak.workload import PASSWORD, Ledger, MixedOperations

HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?')
CREATED = re.compile(r"/items/(\d+)/$")


@dataclass(frozen=True)
class Answer:
    """One request a user sent: when, what, and the status (None: no answer at all, `error` says why)."""

    started: float
    ended: float
    method: str
    status: int | None
    error: str | None = None

    @property
    def failed(self) -> bool:
        """No answer, or a server error (a 5xx from nginx or an instance)."""
        return self.status is None or self.status >= 500


class WebUser(MixedOperations):
    """One person using the web client through nginx, with a ledger of confirmed writes and every answer seen."""

    def __init__(self, base_url: str, number: int, seed: int):
        self.base = base_url
        self.http = requests.Session()
        self.rng = random.Random(seed)
        self.ledger = Ledger(f"csoak-{uuid.uuid4().hex[:8]}-{number}")
        self.pending_names: set[str] = set()  # creates that never got a confirmation: they may or may not exist
        self.answers: list[Answer] = []
        self.confirmed = {"create": 0, "update": 0, "delete": 0}
        self.resent = 0  # requests sent again because a kept-alive connection closed under them, as browsers do

    def call(self, method: str, path: str, data: dict | None = None) -> requests.Response | None:
        """Send one request (redirects are not followed: each is a request of its own); record its answer."""
        started = time.monotonic()
        headers = {"Referer": self.base + path} if method == "POST" else {}
        response = error = None
        for attempt in range(2):
            try:
                response = self.http.request(
                    method, self.base + path, data=data, headers=headers, timeout=30, allow_redirects=False
                )
                break
            except requests.RequestException as failure:
                error = f"{type(failure).__name__}: {failure}"
                # A kept-alive connection that the server closed as the request went out (nginx closes idle ones
                # when it reloads) answers nothing at all; browsers then send the request again on a new one.
                # Timeouts and refused connections are not resent.
                if attempt or "Connection aborted" not in str(failure):
                    break
                self.resent += 1
        status = response.status_code if response is not None else None
        self.answers.append(Answer(started, time.monotonic(), method, status, None if response is not None else error))
        return response

    def form(self, path: str) -> dict | None:
        """Open a form page and return its hidden fields (CSRF token, version, idempotency key), or None."""
        page = self.call("GET", path)
        if page is None or page.status_code != 200:
            return None
        return {name: value or "" for name, value in HIDDEN_INPUT.findall(page.text)}

    def sign_up(self) -> bool:
        """Register through the registration form, which signs the new account in."""
        fields = self.form("/register/")
        if fields is None:
            return False
        username = self.ledger.username
        account = {"username": username, "email": f"{username}@example.com", "password1": PASSWORD}
        answer = self.call("POST", "/register/", {**fields, **account, "password2": PASSWORD})
        # Signed up and in: redirected onwards (a form with errors is shown again with 200, never redirected).
        return answer is not None and answer.status_code == 302 and "/register/" not in answer.headers["Location"]

    def run_until(self, stop, think_ms: int) -> None:
        """Create, list, edit and delete at random until `stop` is set, pausing up to `think_ms` between pages."""
        while not stop.is_set():
            time.sleep(self.rng.uniform(0, think_ms) / 1000)
            self.step()

    def create(self) -> None:
        """Submit the new-item form; a failed submission is sent again as it was (same idempotency key)."""
        fields = self.form("/items/new/")
        if fields is None:
            return
        item = {"name": f"item {uuid.uuid4().hex[:10]}", "price": f"{self.rng.randint(1, 99999) / 100:.2f}"}
        data = {**fields, **item, "quantity": str(self.rng.randint(0, 50)), "sku": "", "description": ""}
        self.pending_names.add(item["name"])
        for _attempt in range(3):
            answer = self.call("POST", "/items/new/", data)
            if answer is not None and answer.status_code < 500:
                break
        found = CREATED.search(answer.headers.get("Location", "")) if answer is not None else None
        if answer is not None and answer.status_code == 302 and found:
            self.ledger.items[int(found.group(1))] = item
            self.pending_names.discard(item["name"])
            self.confirmed["create"] += 1

    def list(self) -> None:
        """Open the items list with a filter, a search or an ordering."""
        query = self.rng.choice(["?in_stock=true", "?ordering=-price", "?search=item", "?min_price=10", ""])
        self.call("GET", f"/items/{query}")

    def update(self, pk: int) -> None:
        """Change the price through the edit form (it carries the version it showed)."""
        fields = self.form(f"/items/{pk}/edit/")
        if fields is None:
            return  # a page that did not open wrote nothing
        known = self.ledger.items[pk]
        price = f"{self.rng.randint(1, 99999) / 100:.2f}"
        data = {**fields, "name": known["name"], "price": price, "quantity": "1", "sku": "", "description": ""}
        answer = self.call("POST", f"/items/{pk}/edit/", data)
        if answer is not None and answer.status_code == 302:
            self.ledger.items[pk] = {**known, "price": price}
            self.confirmed["update"] += 1
        else:
            self.ledger.uncertain.add(pk)

    def delete(self, pk: int) -> None:
        """Delete through the confirmation form."""
        fields = self.form(f"/items/{pk}/delete/")
        if fields is None:
            return
        answer = self.call("POST", f"/items/{pk}/delete/", fields)
        if answer is not None and answer.status_code == 302:
            del self.ledger.items[pk]
            self.ledger.deleted.add(pk)
            self.confirmed["delete"] += 1
        else:
            self.ledger.uncertain.add(pk)
