"""The configured API client, and the way a view gets one bound to its request."""

import time

from django.conf import settings

from apiclient.resources import Auth, Categories, Items
from apiclient.transport import ApiResponse, ApiTransport

# The user's API token lives only here, in the server-side session: never in a cookie, page, URL or log.
SESSION_TOKEN_KEY = "api_token"


class ApiClient:
    """Talk to the Stockroom API as one user: `client.items.list()`, `client.auth.login(...)`."""

    def __init__(self, *, token=None, request_id=None, end_user_ip=None, timing=None, transport=None):
        self.token = token
        self.request_id = request_id
        self.end_user_ip = end_user_ip
        self.timing = timing
        self.transport = transport or default_transport()
        self.auth = Auth(self)
        self.items = Items(self)
        self.categories = Categories(self)

    def headers(self) -> dict:
        """Return the headers every call carries: auth, tracing and the end user's address."""
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        if self.request_id:
            headers["X-Request-ID"] = self.request_id
        if self.end_user_ip:
            headers["X-Forwarded-For"] = self.end_user_ip
        # The API believes X-Forwarded-For only with this key, so its per-address throttles see end users.
        if settings.API_CLIENT_KEY:
            headers["X-Client-Key"] = settings.API_CLIENT_KEY
        return headers

    def call(self, method: str, path: str, *, params=None, json=None, headers=None) -> ApiResponse:
        """Send one request and report its duration, in seconds, to `timing`."""
        started = time.perf_counter()
        try:
            return self.transport.request(
                method, path, headers={**self.headers(), **(headers or {})}, params=params, json=json
            )
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
    """Return a client acting for the request's user, traced with its request id and timed into `api_time`."""

    def add_time(seconds):
        request.api_time = getattr(request, "api_time", 0.0) + seconds

    session = getattr(request, "session", None)
    # Login and registration go without: DRF checks a sent token even on open endpoints, so a stale one
    # left in the session would turn a fresh login into a 401.
    return ApiClient(
        token=session.get(SESSION_TOKEN_KEY) if with_token and session is not None else None,
        request_id=getattr(request, "request_id", None),
        end_user_ip=request.META.get("REMOTE_ADDR"),
        timing=add_time,
    )
