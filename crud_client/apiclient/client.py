"""The configured API client, and the way a view gets one bound to its request."""

import time
from contextlib import contextmanager

import requests
from django.conf import settings

from apiclient.resources import Auth, Categories, History, ItemImports, Items, Stats, Trash
from apiclient.session_token import token_from
from apiclient.transport import ApiResponse, ApiTransport
from common.client_address import client_address

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The browser's User-Agent is forwarded as given, but a header of many kilobytes is nobody's real browser.
MAX_USER_AGENT = 512


class ApiClient:
    """Talk to the Stockroom API as one user: `client.items.list()`, `client.auth.login(...)`."""

    def __init__(
        self,
        *,
        token=None,
        request_id=None,
        end_user_ip=None,
        user_agent=None,
        change_source=None,
        timing=None,
        transport=None,
    ):
        self.token = token
        self.request_id = request_id
        self.end_user_ip = end_user_ip
        self.user_agent = user_agent[:MAX_USER_AGENT] if user_agent else None
        self.change_source = change_source
        self.timing = timing
        self.transport = transport or default_transport()
        self.auth = Auth(self)
        self.items = Items(self)
        self.categories = Categories(self)
        self.item_imports = ItemImports(self)
        self.trash = Trash(self)
        self.history = History(self)
        self.stats = Stats(self)

    def headers(self, method: str = "GET") -> dict:
        """Return the headers a call carries: auth, tracing, the end user's address and browser, and on writes
        where the change comes from."""
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        if self.request_id:
            headers["X-Request-ID"] = self.request_id
        if self.end_user_ip:
            headers["X-Forwarded-For"] = self.end_user_ip
        # The API records the browser on the token at login ("Chrome on Linux" under the account's sessions).
        if self.user_agent:
            headers["X-Forwarded-User-Agent"] = self.user_agent
        # The item history names where a change came from: "web" for this app, "api" for direct callers.
        if self.change_source and method.upper() not in READ_METHODS:
            headers["X-Change-Source"] = self.change_source
        # The API believes X-Forwarded-For only with this key, so its per-address throttles see end users.
        if settings.API_CLIENT_KEY:
            headers["X-Client-Key"] = settings.API_CLIENT_KEY
        return headers

    def call(self, method: str, path: str, *, params=None, json=None, data=None, headers=None) -> ApiResponse:
        """Send one request and report its duration, in seconds, to `timing`."""
        with self.timed():
            return self.transport.request(
                method, path, headers={**self.headers(method), **(headers or {})}, params=params, json=json, data=data
            )

    def stream(self, path: str, *, params=None, headers=None) -> requests.Response:
        """GET a large answer (a CSV export) and return it open, unread: the caller passes it on in chunks and
        closes it. The time reported is until the answer began, not until the caller finished reading it."""
        with self.timed():
            return self.transport.stream("GET", path, headers={**self.headers("GET"), **(headers or {})}, params=params)

    @contextmanager
    def timed(self):
        """Report the duration of the block, in seconds, to `timing`."""
        started = time.perf_counter()
        try:
            yield
        finally:
            if self.timing is not None:
                self.timing(time.perf_counter() - started)


def default_transport() -> ApiTransport:
    """Return a transport configured from settings (sessions are pooled per thread, not per transport)."""
    return ApiTransport(
        settings.API_BASE_URL,
        connect_timeout=settings.API_CONNECT_TIMEOUT,
        read_timeout=settings.API_READ_TIMEOUT,
        pool_size=settings.API_POOL_SIZE,
        retries=settings.API_RETRIES,
        backoff=settings.API_RETRY_BACKOFF,
    )


def api_client_for(request, *, with_token: bool = True) -> ApiClient:
    """Return a client acting for the request's user from the web app, traced with its request id and timed into
    `api_time`."""

    def add_time(seconds):
        request.api_time = getattr(request, "api_time", 0.0) + seconds

    session = getattr(request, "session", None)
    # Login and registration go without: DRF checks a sent token even on open endpoints, so a stale one
    # left in the session would turn a fresh login into a 401.
    return ApiClient(
        token=token_from(session) if with_token and session is not None else None,
        request_id=getattr(request, "request_id", None),
        end_user_ip=client_address(request),
        user_agent=request.META.get("HTTP_USER_AGENT"),
        change_source="web",
        timing=add_time,
    )
