"""Throttles every view can use: fixed windows of shared counters, open when the cache is down, per user."""

import logging
import math

from rest_framework.exceptions import APIException
from rest_framework.throttling import UserRateThrottle

from common.throttle_counters import allowance

logger = logging.getLogger("stockroom.throttling")


class FailOpenMixin:
    """Let requests through when the cache behind the counters (Redis) is down, with a warning."""

    def allow_request(self, request, view):
        """Count as usual; a broken cache must not turn every request into a 500."""
        try:
            return super().allow_request(request, view)
        except (APIException, RecursionError):
            # Raised while reading the login body for its username: the client's bad JSON, answered as a 4xx.
            raise
        except Exception:  # the cache backend's own error types (redis.ConnectionError, …) vary by backend
            logger.warning("Throttle cache unavailable; letting the request through (%s)", self.scope, exc_info=True)
            return True


class FixedWindowMixin:
    """Count requests in fixed windows (a minute, an hour) with atomic increments of one shared counter.

    DRF's own throttles keep a list of every request time in the window and rewrite it on each request: at
    2,000/hour that is kilobytes read from and written back to Redis on every call, growing with the rate.
    High limits are reserved in batches (common/throttle_counters.py), so most requests touch no cache at all.
    """

    def allow_request(self, request, view):
        """Count the request in the current window; refuse it once the window's allowance is used up."""
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        return allowance.admit(self.cache, self.key, now=self.now, duration=self.duration, limit=self.num_requests)

    def wait(self):
        """Return the whole seconds until the current window ends."""
        return max(1, math.ceil(self.duration - self.now % self.duration))


class UserThrottle(FailOpenMixin, FixedWindowMixin, UserRateThrottle):
    """Limit every authenticated user's requests (anonymous ones by address)."""
