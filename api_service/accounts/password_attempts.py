"""Failed password checks, counted per (username, end-user address) and per address, on every route that checks one.

The JSON login, the password change, the account deletion, the browsable API's login and the admin's login all
check passwords through `check_password()`, so they share the same counters: switching routes gains nothing.
Only failures count. Someone hammering a username from their address cannot lock out its owner at another
address, and a crowd behind one address (the web client forwards each end user's own) is limited only by the
far higher per-address rate.

Built on the project's fixed-window counters (common/throttle_counters.py) rather than django-axes 8.3: axes
compares every counter with one failure limit (it takes the largest count over its lockout parameters), so it
cannot limit (username, address) at 10 and the address at 50; its lockout answers need our own callable to be
JSON with Retry-After, and to redisplay the login forms; and it adds four tables to a service whose
throttles already live in the cache.
"""

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from rest_framework.exceptions import Throttled
from rest_framework.throttling import SimpleRateThrottle

from accounts.throttling import hashed
from accounts.usernames import canonical_username
from common.end_user import end_user_ip
from common.throttle_counters import increment
from common.throttling import FixedWindowMixin

logger = logging.getLogger("stockroom.throttling")

T = TypeVar("T")
TOO_MANY_FAILURES = "Too many failed attempts to enter the password."


class FailureCounter(FixedWindowMixin, SimpleRateThrottle):
    """One count of failed password checks in the current fixed window; its rate is a throttle scope."""

    def __init__(self, scope: str, ident: str):
        self.scope = scope
        super().__init__()
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.key = f"{self.cache_format % {'scope': scope, 'ident': ident}}:{window}"
        self.ttl = int((window + 1) * self.duration - self.now) + 1


def failure_counters(request, username: str) -> list[FailureCounter]:
    """Return the counters a password check for `username` from this request's end user counts against."""
    address = end_user_ip(request) or "unknown"
    return [
        FailureCounter("password_failures_username_ip", f"{hashed(canonical_username(str(username)))}:{address}"),
        FailureCounter("password_failures_ip", address),
    ]


def check_password(request, username: str, check: Callable[[], T]) -> T:
    """Return `check()`, a password check that is falsy when it fails, and count it if it does.

    Raise DRF's `Throttled` instead of checking when the (username, address) or the address has failed too
    often in the current window.
    """
    counters = _reserve(failure_counters(request, username))
    result = check()
    if result:
        _release(counters)
    return result


def _reserve(counters: list[FailureCounter]) -> list[FailureCounter]:
    # Counted before checking and given back after a success: concurrent guesses cannot all slip in under the
    # limit while each one's password is being hashed.
    try:
        totals = [increment(cache, counter.key, 1, counter.ttl) for counter in counters]
    except Exception:  # the cache backend's own error types vary; a broken cache must not block every login
        logger.warning("Throttle cache unavailable; checking the password uncounted", exc_info=True)
        return []
    over = [counter for counter, total in zip(counters, totals, strict=True) if total > counter.num_requests]
    if over:
        _release(counters)
        raise Throttled(wait=max(counter.wait() for counter in over), detail=TOO_MANY_FAILURES)
    return counters


def _release(counters: list[FailureCounter]) -> None:
    try:
        for counter in counters:
            increment(cache, counter.key, -1, counter.ttl)
    except Exception:
        logger.warning("Throttle cache unavailable; a reserved attempt stays counted", exc_info=True)
