"""The dashboard issue's figure: how long `GET /stats/` takes a single user over the whole of the bench user's items."""

import statistics

from bench import wrk
from bench.figures import Figure, Settings

STATS_P50_MS = 250.0


def s1_stats(api, token: str, settings: Settings, items: int) -> Figure:
    """Median latency of the stats endpoint, one connection, over BENCH_PAIRS bursts of BENCH_SECONDS."""
    load = wrk.Load(f"{api.url}/api/v1/stats/", (("Authorization", f"Token {token}"),))
    wrk.run(load, seconds=1, connections=1, warm_up=True)  # the first request loads code and warms caches
    bursts = [wrk.run(load, seconds=settings.seconds, connections=1) for _ in range(settings.pairs)]
    failed = sum(burst.errors for burst in bursts)
    if failed:
        raise RuntimeError(f"/stats/ answered {failed} errors")
    p50 = statistics.median(burst.p50_ms for burst in bursts)
    return Figure(
        "S1",
        f"Dashboard figures (GET /stats/) over {items:,} items, p50 ms",
        p50,
        STATS_P50_MS,
        False,
        f"{sum(b.requests for b in bursts):,} requests in {len(bursts)} bursts; p50 per burst "
        + ", ".join(f"{burst.p50_ms:.1f}" for burst in bursts)
        + " ms",
        {"p50_ms": [burst.p50_ms for burst in bursts], "requests": [burst.requests for burst in bursts]},
    )
