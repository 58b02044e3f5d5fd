"""HTTP to the API: one pooled session per thread, timeouts on every call, retries, error mapping."""

import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin

import requests
from requests.adapters import HTTPAdapter

from apiclient.exceptions import (
    ApiConflict,
    ApiError,
    ApiNotFound,
    ApiPreconditionFailed,
    ApiThrottled,
    ApiUnauthorized,
    ApiUnavailable,
    ApiValidationError,
)

# Safe to repeat: a retry after a lost answer cannot create a second object.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_STATUSES = frozenset({502, 503, 504})

_local = threading.local()


@dataclass(frozen=True)
class ApiResponse:
    """A successful answer: status, decoded JSON body (or None) and headers."""

    status: int
    data: dict | list | None
    headers: dict


class ApiTransport:
    """Send requests to the API and turn every failure into an `ApiError`."""

    def __init__(
        self,
        base_url: str,
        *,
        connect_timeout: float,
        read_timeout: float,
        pool_size: int = 10,
        retries: int = 2,
        backoff: float = 0.1,
    ):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.timeout = (connect_timeout, read_timeout)
        self.pool_size = pool_size
        self.retries = retries
        self.backoff = backoff

    def session(self) -> requests.Session:
        """Return this thread's keep-alive session (requests.Session is not thread-safe, so one each)."""
        session = getattr(_local, "session", None)
        if session is None:
            session = requests.Session()
            # The API's address is configured explicitly; reading proxy and netrc settings from the environment
            # on every call would cost more than the rest of the request preparation.
            session.trust_env = False
            # Retries live in request(), not in a urllib3 Retry here: urllib3 retries connection errors for
            # every method (POST included), and `responses`, which the tests use, replaces HTTPAdapter.send, so a
            # Retry configured here would never run under test. A loop we own is the behaviour the tests check.
            adapter = HTTPAdapter(pool_connections=1, pool_maxsize=self.pool_size, max_retries=0)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            _local.session = session
        return session

    def request(self, method: str, path: str, *, headers=None, params=None, json=None, data=None) -> ApiResponse:
        """Send one request, retrying idempotent ones on connection errors and 502/503/504.

        `data` is a raw body (bytes or a file, streamed from it) for the API's non-JSON endpoints, such as a CSV upload.
        """
        return _to_result(self._send(method, path, headers=headers, params=params, json=json, data=data))

    def stream(self, method: str, path: str, *, headers=None, params=None) -> requests.Response:
        """Send one request and return the open response of a success, its body still unread.

        The caller reads it in chunks (`iter_content`) and must close it. A failure is read whole (it is a small JSON
        body) and raised as the `ApiError` that means it, as `request()` does.
        """
        response = self._send(method, path, headers=headers, params=params, stream=True)
        if response.status_code >= 300:
            try:
                _to_result(response)
            finally:
                response.close()
        return response

    def _send(self, method, path, *, headers=None, params=None, json=None, data=None, stream=False):
        """Return the answer to one request after the retries it is allowed; raise ApiUnavailable if none came."""
        method = method.upper()
        # A POST is safe to repeat only with an Idempotency-Key: the API then answers a repeat with the original.
        repeatable = method in IDEMPOTENT_METHODS or "Idempotency-Key" in (headers or {})
        attempts = 1 + (self.retries if repeatable else 0)
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = self.session().request(
                    method,
                    urljoin(self.base_url, path),
                    headers=headers,
                    params=params,
                    json=json,
                    data=data,
                    stream=stream,
                    timeout=self.timeout,
                    # The API never redirects a correct URL; following one would turn a POST into a GET.
                    allow_redirects=False,
                )
            except requests.ConnectionError as exc:
                # ConnectTimeout is a ConnectionError (nothing reached the API); ReadTimeout is not.
                if last:
                    raise ApiUnavailable(f"The API could not be reached: {exc.__class__.__name__}.") from None
            except requests.RequestException as exc:
                # A read timeout may mean the API already acted on the request, so it is never repeated.
                raise ApiUnavailable(f"The API call failed: {exc.__class__.__name__}.") from None
            else:
                if response.status_code not in RETRY_STATUSES or last:
                    return response
                response.close()
            time.sleep(self.backoff * (2**attempt))
        raise AssertionError("unreachable")  # pragma: no cover


def _to_result(response: requests.Response) -> ApiResponse:
    """Return a success as an ApiResponse, or raise the exception that means the failure."""
    status = response.status_code
    try:
        data = response.json() if response.content else None
    except ValueError:
        raise ApiUnavailable(f"The API answered {status} with a body that is not JSON.", status=status) from None
    if status < 300:
        return ApiResponse(status, data, dict(response.headers))
    if status < 400:
        raise ApiUnavailable(
            f"The API redirected to {response.headers.get('Location')}; check API_BASE_URL.", status=status
        )
    detail = data.get("detail", "") if isinstance(data, dict) and isinstance(data.get("detail"), str) else ""
    if status == 400:
        raise _validation_error(data)
    if status == 401:
        raise ApiUnauthorized(detail, status=status)
    if status == 404:
        raise ApiNotFound(detail, status=status)
    if status == 409:
        raise ApiConflict(detail, status=status, data=data if isinstance(data, dict) else {})
    if status == 412:
        raise ApiPreconditionFailed(detail, current=data.get("current") if isinstance(data, dict) else None)
    if status == 429:
        raise ApiThrottled(detail, retry_after=_seconds(response.headers.get("Retry-After")))
    if status >= 500:
        raise ApiUnavailable(detail or f"The API failed with {status}.", status=status)
    raise ApiError(detail or f"The API answered {status}.", status=status)


def _validation_error(data) -> ApiValidationError:
    """Split DRF's 400 body into field errors and non-field errors."""
    if not isinstance(data, dict):
        return ApiValidationError({}, [str(message) for message in data] if isinstance(data, list) else [])
    fields, general = {}, []
    for key, value in data.items():
        messages = [str(m) for m in value] if isinstance(value, list) else [str(value)]
        if key in ("non_field_errors", "detail"):
            general.extend(messages)
        else:
            fields[key] = messages
    return ApiValidationError(fields, general)


def _seconds(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None
