"""`make bench`: seed, serve the API as production does, measure P1-P9, E1, I1-I2, S1, Q1, print and save the table.

Environment: BENCH_SCALE (default: 20,000 items; `large`: 1,000,000), BENCH_SMOKE=1 (tiny data, one pair each:
checks that the harness works, not the targets), BENCH_PAIRS (6), BENCH_SECONDS (5 per burst), DATABASE_URL and
REDIS_URL (as for the servers; unset: SQLite and per-process caches), BENCH_ONLY (e.g. "P1,P5": measure just these).
"""

import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import stack, wrk  # noqa: E402
from bench.csv_figures import CsvFigures  # noqa: E402
from bench.dashboard_figures import s1_stats  # noqa: E402
from bench.figures import Bench, Settings  # noqa: E402
from bench.report import markdown_table, save  # noqa: E402
from bench.search_figures import q1_search  # noqa: E402
from bench.sqlite_figures import SqliteFigures  # noqa: E402

SMOKE = os.environ.get("BENCH_SMOKE") == "1"
SCALES = {
    "default": stack.Scale(items=20_000, categories=50, other_users=2, other_items=5_000),
    "large": stack.Scale(items=1_000_000, categories=50, other_users=2, other_items=50_000),
    "smoke": stack.Scale(items=300, categories=5, other_users=1, other_items=50),
}
API_WORKERS, API_THREADS = 1, 4


def settings() -> Settings:
    """How long and how hard to measure: a second per burst in smoke mode."""
    if SMOKE:
        return Settings(
            pairs=1,
            seconds=1,
            connections=4,
            page_views=40,
            memory_requests=(20, 100),
            timing_samples=10,
            import_rows=500,
        )
    return Settings(
        pairs=int(os.environ.get("BENCH_PAIRS", "6")),
        seconds=float(os.environ.get("BENCH_SECONDS", "5")),
        connections=8,
        page_views=1000,
        memory_requests=(1_000, 21_000),
        timing_samples=200,
        import_rows=50_000,
    )


def main() -> int:
    """Run every figure (or BENCH_ONLY's), print the table, save it; exit 1 when a full run misses a target."""
    wrk.require_wrk()
    scale_name = "smoke" if SMOKE else os.environ.get("BENCH_SCALE", "default")
    if scale_name not in SCALES:
        raise SystemExit(f"BENCH_SCALE must be one of: default, large (got {scale_name!r})")
    scale = SCALES[scale_name]
    database = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="stockroom-bench-") as tmp_name:
        tmp = Path(tmp_name)
        api, drop = stack.start_api(tmp, workers=API_WORKERS, threads=API_THREADS)
        client, finished = None, False
        try:
            print(f"==> Seeding {scale.items:,} items for {stack.BENCH_USER} on {database}", flush=True)
            stack.seed(api, scale)
            api.start()
            bench = Bench(api, stack.api_token(api), settings())
            csv_figures = CsvFigures(api, bench.token, import_rows=bench.settings.import_rows)
            client = stack.start_client(tmp, api.url, name="bench-client", threads=4)
            client.start()
            figures = []
            p9_seconds = bench.settings.seconds * bench.settings.pairs
            steps = [
                ("P1", bench.p1_list),
                ("P2", bench.p2_detail),
                ("P4", bench.p4_queries),
                ("P5", lambda: _p5(bench, client, api, tmp)),
                ("P6", lambda: bench.p6_connections(_client_factory(tmp, api), stack.client_session)),
                ("P7", bench.p7_deep_page),
                ("P3", bench.p3_create),
                ("P8", bench.p8_memory),
                # On an API and a SQLite database of its own; at most the default scale's items, seeded in seconds.
                ("P9", SqliteFigures(tmp, items=min(scale.items, 20_000), seconds=p9_seconds).p9_concurrent_creates),
                ("E1", csv_figures.e1_export_memory),
                ("S1", lambda: s1_stats(api, bench.token, bench.settings, scale.items)),
                ("Q1", lambda: q1_search(api, bench.token, bench.settings)),
                ("I1,I2", csv_figures.i1_i2_import),  # last: it adds and changes items
            ]
            only = {key.strip().upper() for key in os.environ.get("BENCH_ONLY", "").split(",") if key.strip()}
            for keys, measure in steps:
                if only and not only & set(keys.split(",")):
                    continue
                print(f"==> {keys}", flush=True)
                measured = measure()
                for figure in measured if isinstance(measured, list) else [measured]:
                    print(f"    {figure.key}: {figure.ratio:.2f} ({figure.target_text}) {figure.detail}", flush=True)
                    figures.append(figure)
            finished = True
        finally:
            for server in (client, api):
                if server is not None:
                    server.stop()
                    if finished:
                        server.discard_log()  # kept in artifacts/live-logs/ only when the run broke
            drop()
    # The performance issue's figures (P…) in order, then the CSV issue's (E1, I1, I2), the dashboard's (S1)
    # and the search's (Q1).
    figures.sort(key=lambda figure: (not figure.key.startswith("P"), figure.key))
    context = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "mode": "smoke" if SMOKE else "full",
        "scale": scale_name,
        "bench_items": scale.items,
        "database": database,
        "redis": bool(os.environ.get("REDIS_URL")),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "api_server": f"gunicorn gthread, {API_WORKERS} workers x {API_THREADS} threads, DEBUG off",
        "allocator": "jemalloc" if stack.ALLOCATOR else "glibc malloc",
        "seconds": round(time.monotonic() - started),
    }
    table = markdown_table(figures, context)
    print(table)
    paths = save(figures, context, table)
    print(f"Saved {', '.join(str(p.relative_to(ROOT)) for p in paths)}")
    if SMOKE:
        return 0  # smoke mode proves the harness runs; targets are judged on full runs only
    return 0 if all(figure.passed for figure in figures) else 1


def _p5(bench, client, api, tmp):
    """P5, with its two floors served only while it is measured."""
    floor = stack.start_floor(api.url, bench.token)
    django_floor = stack.start_client(
        tmp, api.url, name="bench-django-floor", threads=4, settings="bench_client.django_floor_settings"
    )
    servers = (floor, django_floor)
    try:
        for server in servers:
            server.start()
        figure = bench.p5_client_page(
            client,
            stack.client_session(client),
            floor,
            (django_floor, stack.client_session(django_floor)),
        )
    finally:
        for server in servers:
            server.stop()
    for server in servers:
        server.discard_log()  # kept in artifacts/live-logs/ only when the figure broke
    return figure


def _client_factory(tmp, api):
    def start(api_url, threads):
        return stack.start_client(tmp, api_url.removesuffix("/"), name="bench-client-relayed", threads=threads)

    return start


def _commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


if __name__ == "__main__":
    sys.exit(main())
