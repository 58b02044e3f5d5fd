"""P9: item creates through 8 concurrent connections on SQLite, with the tail latency and lock errors they see."""

import json
from pathlib import Path

from bench import stack, wrk
from bench.figures import Figure

CONNECTIONS = 8
# Two processes of four threads: eight database connections writing at once, as gunicorn serves in production.
WORKERS, THREADS = 2, 4
P99_OVER_P50 = 3.0
LOCKED = "database is locked"


class SqliteFigures:
    """P9 on an API of its own, always on SQLite (whatever DATABASE_URL the rest of the bench uses)."""

    def __init__(self, tmp: Path, *, items: int, seconds: float):
        self.tmp, self.items, self.seconds = tmp, items, seconds

    def p9_concurrent_creates(self) -> Figure:
        """Creates through 8 connections for a while: p99 over p50, failed answers and "database is locked"."""
        api, drop = stack.start_api(self.tmp, workers=WORKERS, threads=THREADS, name="bench-p9-api", sqlite=True)
        try:
            stack.seed(api, stack.Scale(items=self.items, categories=10, other_users=1, other_items=100))
            api.start()
            token = stack.api_token(api)
            category = stack.api_shell(
                api,
                "import json; from inventory.models import Category; "
                f"print(json.dumps(Category.objects.filter(owner__username={stack.BENCH_USER!r}).first().pk))",
            )
            body = json.dumps(
                {"name": "Concurrent create", "sku": "", "category": category, "quantity": 1, "price": "1.00"}
            )
            headers = (("Authorization", f"Token {token}"), ("Content-Type", "application/json"))
            load = wrk.Load(f"{api.url}/api/v1/items/", headers, "POST", body)
            wrk.run(load, seconds=1, connections=CONNECTIONS, warm_up=True, allow_errors=True)
            burst = wrk.run(load, seconds=self.seconds, connections=CONNECTIONS, allow_errors=True)
            api.stop()
            locked = api.log_path.read_text(errors="replace").count(LOCKED)
        finally:
            api.stop()
            drop()
        if not (burst.errors or locked):
            api.discard_log()  # kept in artifacts/live-logs/ when something failed
        return Figure(
            "P9",
            f"Item creates through {CONNECTIONS} connections on SQLite, p99 vs p50",
            burst.p99_ms / burst.p50_ms,
            P99_OVER_P50,
            False,
            f"p50 {burst.p50_ms:.1f} ms, p99 {burst.p99_ms:.1f} ms, {burst.requests:,} creates "
            f'({burst.requests_per_second:,.0f}/s), {burst.errors} failed, {locked} "{LOCKED}"',
            {
                "p50_ms": burst.p50_ms,
                "p99_ms": burst.p99_ms,
                "requests": burst.requests,
                "failed": burst.errors,
                "locked": locked,
                "server": f"gunicorn gthread {WORKERS} workers x {THREADS} threads",
            },
            also_required=burst.errors == 0 and locked == 0,
        )
