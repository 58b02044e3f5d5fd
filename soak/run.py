"""`make soak`: many simulated users against gunicorn on PostgreSQL and Redis, then faults; nothing may be lost.

Environment: SOAK_USERS (32), SOAK_SECONDS (300), SOAK_THINK_MS (200: each user pauses a random 0-200 ms between
operations, as people and scripts do; 0 saturates the machine and measures queueing instead),
SOAK_FAULTS (1: also restart PostgreSQL and stop Redis),
DATABASE_URL and REDIS_URL (defaults: the local PostgreSQL `test` server and Redis).
"""

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from soak.workload import SimulatedUser  # noqa: E402
from tests_live.servers import ARTIFACTS, LiveServer, fresh_database  # noqa: E402

USERS = int(os.environ.get("SOAK_USERS", "32"))
SECONDS = int(os.environ.get("SOAK_SECONDS", "300"))
FAULTS = os.environ.get("SOAK_FAULTS", "1") == "1"
THINK_MS = int(os.environ.get("SOAK_THINK_MS", "200"))
os.environ.setdefault("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
REDIS_START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "-::1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    "/var/lib/redis",
    "--logfile",
    "/var/log/redis/ci.log",
]

DUMP_ITEMS = """
import json
from inventory.models import Item
rows = Item.objects.filter(owner__username__startswith="soak-").values_list(
    "owner__username", "id", "name", "price", "version"
)
print(json.dumps([[u, i, n, str(p), v] for u, i, n, p, v in rows]))
"""


def start_api(tmp: Path) -> tuple[LiveServer, callable]:
    """Serve the API as in production: gthread workers, DEBUG off, PostgreSQL and Redis."""
    url, drop = fresh_database(tmp, "soak")
    server = LiveServer(
        "soak-api",
        "api_service",
        {
            "DATABASE_URL": url,
            "API_DEBUG": "false",
            "API_SECRET_KEY": "soak-only-k3y-Z9pQ-w4Lm-8vRt-2sYx-6hNc-1bGf-7jKd-5aEu-0oIy",
            "API_ALLOWED_HOSTS": "127.0.0.1",
            "API_SECURE_SSL_REDIRECT": "false",
            "API_SECURE_COOKIES": "false",
            "API_THROTTLE_AUTH_IP": "100000/min",
            "API_THROTTLE_PASSWORD_FAILURES_IP": "100000/min",
            "API_THROTTLE_USER": "10000000/hour",
        },
        "/healthz",
        workers=2,
        threads=16,
    )
    server.manage("migrate", "--noinput", "-v", "0")
    server.start()
    return server, drop


def in_parallel(users: list[SimulatedUser], work) -> None:
    """Run `work(user)` for every user at once and wait for all."""
    threads = [threading.Thread(target=work, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def drive(server: LiveServer, count: int, seconds: float, first_seed: int, *, during=None) -> list[SimulatedUser]:
    """Sign `count` users up, then run their mixed workload in parallel for `seconds` (calling `during` meanwhile)."""
    users = [SimulatedUser(server.url, n, first_seed + n) for n in range(count)]
    in_parallel(users, SimulatedUser.sign_up)
    signed_up = [user for user in users if "Authorization" in user.http.headers]
    deadline = time.monotonic() + seconds
    side = threading.Thread(target=during) if during else None
    if side:
        side.start()
    in_parallel(signed_up, lambda user: user.run_until(deadline, THINK_MS))
    if side:
        side.join()
    return users


def verify(server: LiveServer, users: list[SimulatedUser]) -> dict:
    """Compare every acknowledged write with the database: nothing lost, nothing extra."""
    stored = {}
    for username, pk, name, price, version in json.loads(server.manage("shell", "-c", DUMP_ITEMS).splitlines()[-1]):
        stored.setdefault(username, {})[pk] = {"name": name, "price": price, "version": version}
    lost = phantom = changed = 0
    for user in users:
        ledger, rows = user.ledger, stored.get(user.ledger.username, {})
        for pk, expected in ledger.items.items():
            if pk in ledger.uncertain:
                continue
            if pk not in rows:
                lost += 1
            elif rows[pk] != expected:
                changed += 1
        phantom += sum(1 for pk in rows if pk not in ledger.items and pk not in ledger.uncertain)
        lost += sum(1 for pk in ledger.deleted if pk in rows)  # a delete that was acknowledged but not done
    return {
        "lost_or_undeleted": lost,
        "phantom": phantom,
        "differs": changed,
        "uncertain": sum(len(u.ledger.uncertain) for u in users),
    }


def summarise(users: list[SimulatedUser]) -> dict:
    """Return request counts, statuses and latency percentiles (ms)."""
    statuses, latencies = Counter(), []
    for user in users:
        statuses.update(user.stats.statuses)
        latencies += user.stats.latencies
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    return {
        "requests": len(latencies),
        "unanswered": sum(u.stats.unanswered for u in users),
        "statuses": dict(sorted(statuses.items())),
        "server_errors": sum(n for s, n in statuses.items() if s >= 500),
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
    }


def redis_outage(server: LiveServer) -> dict:
    """Stop Redis mid-load: the API must keep answering (throttles fail open), then recover."""
    subprocess.run(["redis-cli", "-h", "127.0.0.1", "shutdown", "nosave"], capture_output=True)
    try:
        users = drive(server, 4, 10, 9000)
    finally:
        subprocess.run(REDIS_START, check=True, capture_output=True)
    return {**summarise(users), **verify(server, users)}


def postgres_restart(server: LiveServer) -> dict:
    """Restart PostgreSQL under load: clean 503s meanwhile, serving again within seconds, no restart of the API."""
    version = next(Path("/etc/postgresql").iterdir()).name
    outcome = {}

    def restart():
        time.sleep(3)
        began = time.monotonic()
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True)
        outcome["restart_s"] = round(time.monotonic() - began, 1)

    users = drive(server, 4, 15, 8000, during=restart)
    started = time.monotonic()
    probe = SimulatedUser(server.url, 99, 1)
    while not probe.sign_up() and time.monotonic() - started < 30:
        time.sleep(0.2)
    outcome["serving_again_after_s"] = round(time.monotonic() - started, 1)
    summary = summarise(users)
    other_5xx = sum(n for s, n in summary["statuses"].items() if s >= 500 and s != 503)
    return {**summary, **verify(server, users), **outcome, "non_503_server_errors": other_5xx}


def main() -> int:
    """Soak, verify, inject faults, report."""
    out = ARTIFACTS / "soak"
    out.mkdir(parents=True, exist_ok=True)
    server, drop = start_api(out)
    try:
        drive(server, USERS, 20, 100)  # warm every thread's imports, connections and caches before measuring
        memory_start = server.worker_rss_kib()
        users = drive(server, USERS, SECONDS, 1)
        memory_end = server.worker_rss_kib()
        steady = {
            **summarise(users),
            **verify(server, users),
            "users": USERS,
            "seconds": SECONDS,
            "think_ms": THINK_MS,
            "worker_rss_start_kib": memory_start,
            "worker_rss_end_kib": memory_end,
            "memory_growth_pct": round(100 * (memory_end - memory_start) / memory_start, 1),
        }
        report = {"steady": steady}
        if FAULTS:
            report["redis_outage"] = redis_outage(server)
            report["postgres_restart"] = postgres_restart(server)
    finally:
        server.stop()
        drop()
    (out / "report.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    checks = {
        "zero 5xx": steady["server_errors"] == 0 and steady["unanswered"] == 0,
        "zero lost or duplicated writes": steady["lost_or_undeleted"] == steady["phantom"] == steady["differs"] == 0,
        "p99 under 500 ms": steady["p99_ms"] < 500,
        "memory growth under 10 %": steady["memory_growth_pct"] < 10,
    }
    if FAULTS:
        redis, postgres = report["redis_outage"], report["postgres_restart"]
        checks["Redis down: no 5xx"] = redis["server_errors"] == 0 and redis["unanswered"] == 0
        checks["PostgreSQL restart: only clean 503s, no hangs"] = (
            postgres["non_503_server_errors"] == 0 and postgres["unanswered"] == 0
        )
        checks["PostgreSQL restart: serving again within 10 s"] = postgres["serving_again_after_s"] < 10
        checks["faults: nothing lost"] = all(
            r["lost_or_undeleted"] == r["phantom"] == r["differs"] == 0 for r in (redis, postgres)
        )
    print("\n| check | result |\n|---|---|")
    for name, passed in checks.items():
        print(f"| {name} | {'pass' if passed else 'FAIL'} |")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
