"""Request counters per throttle window, shared through the cache and reserved by each process in small batches."""

import threading

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache import cache as default_cache
from django.core.cache.backends.redis import RedisCache

# A process reserves 1 % of a window's allowance at a time; limits under 200 per window are counted one by one.
BATCH_SHARE = 100
_PURGE_EVERY = 10.0  # seconds between sweeps of reservations whose window has ended


def increment(cache, key: str, amount: int, ttl: int) -> int:
    """Add `amount` to the counter at `key` (created if missing, expiring after `ttl` s); return the new total."""
    backend = caches[DEFAULT_CACHE_ALIAS] if cache is default_cache else cache
    if isinstance(backend, RedisCache):
        # One round trip: INCRBY creates or adds, EXPIRE bounds the life. Django's cache.incr() checks EXISTS
        # first (a second round trip) and cannot create the key.
        full_key = backend.make_and_validate_key(key)
        client = backend._cache.get_client(full_key, write=True)  # RedisCache exposes no public raw client
        pipeline = client.pipeline(transaction=False)
        pipeline.incrby(full_key, amount)
        pipeline.expire(full_key, ttl)
        total, _ = pipeline.execute()
        return total
    # incr() is atomic; add() starts a window's counter and loses to a concurrent request that started it first.
    for _ in range(2):
        try:
            return cache.incr(key, amount)
        except ValueError:  # no counter yet in this window
            if cache.add(key, amount, ttl):
                return amount
    return cache.incr(key, amount)


class WindowAllowance:
    """Admit requests against a per-window limit shared by every process, touching the cache once per batch.

    A reservation is added to the shared counter at once, so all processes together never admit more than the
    limit; a process that stops seeing a caller leaves at most a batch less one of that window unused.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._held = {}  # key -> (window, its end, requests reserved and not yet used)
        self._next_purge = 0.0

    def admit(self, cache, key: str, *, now: float, duration: int, limit: int) -> bool:
        """Use one request of `key`'s allowance in the window of `duration` s holding `now`; False past the limit."""
        window = int(now // duration)
        window_end = (window + 1) * duration
        batch = max(1, limit // BATCH_SHARE)
        if batch > 1 and self._use_held(key, window):
            return True
        ttl = int(window_end - now) + 1
        total = increment(cache, f"{key}:{window}", batch, ttl)
        granted = min(batch, limit - (total - batch))  # the part of this reservation still under the limit
        if granted < 1:
            return False
        if granted > 1:
            self._hold(key, window, window_end, granted - 1, now)
        return True

    def forget(self) -> None:
        """Drop every reservation of this process (when the shared counters were cleared, as in tests)."""
        with self._lock:
            self._held.clear()

    def _use_held(self, key, window) -> bool:
        with self._lock:
            held_window, end, left = self._held.get(key, (None, 0.0, 0))
            if held_window != window or left < 1:
                return False
            self._held[key] = (window, end, left - 1)
            return True

    def _hold(self, key, window, window_end, count, now) -> None:
        with self._lock:
            held_window, _end, left = self._held.get(key, (None, 0.0, 0))
            self._held[key] = (window, window_end, count + (left if held_window == window else 0))
            if now >= self._next_purge:
                # Callers who stopped calling would otherwise stay here for the life of the process.
                self._held = {k: v for k, v in self._held.items() if v[1] > now}
                self._next_purge = now + _PURGE_EVERY


allowance = WindowAllowance()
