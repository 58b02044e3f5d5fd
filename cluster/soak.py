"""`make cluster-soak`: people in the web client across both client instances while instances are killed and
restarted one by one; nothing confirmed may be lost or duplicated, and nothing may fail outside the kill.

Environment: CLUSTER_SOAK_SECONDS (300; CI: 60), CLUSTER_SOAK_USERS (32), CLUSTER_SOAK_THINK_MS (500: each user
pauses a random 0-500 ms between pages), and the cluster's own variables (cluster/serve.py) with CLUSTER_PORT
18480 and the database stockroom_cluster_soak by default. Then runs the cluster suite (tests_live/cluster).
"""

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter

from cluster.stack import Cluster, ClusterConfig, ClusterUnavailable, running_cluster
from soak.web_user import WebUser
from tests_live.servers import ARTIFACTS

SECONDS = int(os.environ.get("CLUSTER_SOAK_SECONDS", "300"))
USERS = int(os.environ.get("CLUSTER_SOAK_USERS", "32"))
THINK_MS = int(os.environ.get("CLUSTER_SOAK_THINK_MS", "500"))
KILLED_FOR = 5  # seconds the killed instances stay down
KILL_GRACE = 3  # seconds after they are back that still count as the kill's (nginx's fail_timeout)
# Everyone arrives from 127.0.0.1: the per-address limits meant for one person would throttle the whole crowd.
UNTHROTTLED = {
    "API_THROTTLE_AUTH_IP": "100000/min",
    "API_THROTTLE_PASSWORD_FAILURES_IP": "100000/min",
    "API_THROTTLE_USER": "10000000/hour",
}
DUMP_ITEMS = """
import json
from inventory.models import Item
rows = Item.objects.filter(owner__username__startswith="csoak-").values_list("owner__username", "id", "name", "price")
print(json.dumps([[u, i, n, str(p)] for u, i, n, p in rows]))
"""


class Faults:
    """The fault schedule, on a thread: SIGKILL an API and a client instance at 20 % of the run and bring them back,
    then at 50 % restart every instance gracefully, one by one. Records when each window began and ended."""

    def __init__(self, cluster: Cluster, began: float):
        self.cluster, self.began = cluster, began
        self.windows: dict[str, list[float]] = {}
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run)

    def _run(self):
        try:
            self._sleep_until(0.2)
            killed = [self.cluster.apis[0], self.cluster.clients[0]]
            print(f"==> SIGKILL {', '.join(i.name for i in killed)}", flush=True)
            started = time.monotonic()
            for instance in killed:
                self.cluster.kill(instance)
            time.sleep(KILLED_FOR)
            for instance in killed:
                instance.start()
            self.windows["kill"] = [started, time.monotonic() + KILL_GRACE]
            print(f"    back after {time.monotonic() - started:.1f} s", flush=True)
            self._sleep_until(0.5)
            started = time.monotonic()
            for instance in self.cluster.instances:
                print(f"==> Rolling restart: {instance.name}", flush=True)
                self.cluster.restart_gracefully(instance)
            self.windows["rolling"] = [started, time.monotonic()]
        except BaseException as error:  # reported by the main thread, which fails the run
            self.error = error

    def _sleep_until(self, fraction: float):
        time.sleep(max(0.0, self.began + fraction * SECONDS - time.monotonic()))


def in_parallel(users: list[WebUser], work, *, at_once: int | None = None) -> list:
    """Run `work(user)` for every user, at most `at_once` at a time (default: all); return their results."""
    results = [None] * len(users)
    slots = threading.Semaphore(at_once or len(users))

    def run(index, user):
        with slots:
            results[index] = work(user)

    threads = [threading.Thread(target=run, args=(n, user)) for n, user in enumerate(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def drive(cluster: Cluster) -> tuple[list[WebUser], Faults]:
    """Sign the users up, run them for SECONDS (longer if the faults need it) while the faults happen."""
    users = [WebUser(cluster.client_url, n, 1000 + n) for n in range(USERS)]
    # Password hashing is slow by design: 32 at once would each take longer than the client waits for the API.
    signed_up = in_parallel(users, WebUser.sign_up, at_once=4)
    if not all(signed_up):
        raise RuntimeError(f"{signed_up.count(False)} of {USERS} users could not sign up")
    for user in users:
        user.answers.clear()  # the figures count the run, not the sign-ups
    stop = threading.Event()
    runners = [threading.Thread(target=user.run_until, args=(stop, THINK_MS)) for user in users]
    faults = Faults(cluster, time.monotonic())
    for runner in runners:
        runner.start()
    faults.thread.start()
    faults.thread.join()
    time.sleep(max(0.0, faults.began + SECONDS - time.monotonic()))
    stop.set()
    for runner in runners:
        runner.join()
    if faults.error:
        raise faults.error
    return users, faults


def verify(cluster: Cluster, users: list[WebUser]) -> dict:
    """Compare what the pages confirmed with the API's database: nothing lost, duplicated, extra or different."""
    rows = json.loads(cluster.apis[0].manage("shell", "-c", DUMP_ITEMS).splitlines()[-1])
    stored: dict[str, dict[int, dict]] = {}
    for username, pk, name, price in rows:
        stored.setdefault(username, {})[pk] = {"name": name, "price": price}
    lost = phantom = differs = duplicated = 0
    for user in users:
        ledger, mine = user.ledger, stored.get(user.ledger.username, {})
        for pk, expected in ledger.items.items():
            if pk in ledger.uncertain:
                continue
            if pk not in mine:
                lost += 1
            elif mine[pk] != expected:
                differs += 1
        lost += sum(1 for pk in ledger.deleted if pk in mine)  # a confirmed delete that did not happen
        known = set(ledger.items) | ledger.uncertain
        phantom += sum(1 for pk, row in mine.items() if pk not in known and row["name"] not in user.pending_names)
        names = Counter(row["name"] for row in mine.values())
        duplicated += sum(count - 1 for count in names.values() if count > 1)
    return {
        "rows_in_database": sum(len(stored.get(u.ledger.username, {})) for u in users),
        "items_confirmed_live": sum(len(set(u.ledger.items) - u.ledger.uncertain) for u in users),
        "rows_of_unconfirmed_writes": sum(
            1
            for u in users
            for pk, row in stored.get(u.ledger.username, {}).items()
            if pk in u.ledger.uncertain or row["name"] in u.pending_names
        ),
        "lost": lost,
        "duplicated": duplicated,
        "phantom": phantom,
        "differs": differs,
        "uncertain": sum(len(u.ledger.uncertain) + len(u.pending_names) for u in users),
    }


def figures(users: list[WebUser], faults: Faults) -> dict:
    """Requests, answers by status, latencies, and failed requests by window."""
    answers = [answer for user in users for answer in user.answers]
    statuses = Counter("no answer" if a.status is None else str(a.status) for a in answers)
    latencies = sorted(a.ended - a.started for a in answers if a.status is not None)
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99

    def failed_in(window):
        began, ended = faults.windows[window]
        return sum(1 for a in answers if a.failed and a.started <= ended and a.ended >= began)

    failed = sum(1 for a in answers if a.failed)
    in_kill, in_rolling = failed_in("kill"), failed_in("rolling")
    confirmed = Counter()
    for user in users:
        confirmed.update(user.confirmed)
    return {
        "users": USERS,
        "seconds": SECONDS,
        "think_ms": THINK_MS,
        "requests": len(answers),
        "statuses": dict(sorted(statuses.items())),
        "writes_confirmed": dict(confirmed),
        "resent_after_a_closed_connection": sum(user.resent for user in users),
        "unanswered": sorted({a.error for a in answers if a.error}),
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
        "failed_during_kill": in_kill,
        "failed_during_rolling_restart": in_rolling,
        "failed_elsewhere": failed - in_kill - in_rolling,
        "windows_s": {name: round(end - began, 1) for name, (began, end) in faults.windows.items()},
    }


def table(report: dict) -> str:
    """The figures as the README and docs/deployment.md carry them."""
    data = report["data"]
    statuses = ", ".join(f"{status}: {count:,}" for status, count in report["statuses"].items())
    writes = report["writes_confirmed"]
    rows = [
        ("users, seconds", f"{report['users']} users for {report['seconds']} s across both client instances"),
        ("requests sent", f"{report['requests']:,} (p50 {report['p50_ms']} ms, p99 {report['p99_ms']} ms)"),
        ("answers by status", statuses),
        (
            "sent again (a kept-alive connection closed under the request, as browsers do)",
            str(report["resent_after_a_closed_connection"]),
        ),
        (
            "writes confirmed",
            ", ".join(f"{writes.get(kind, 0):,} {kind}s" for kind in ("create", "update", "delete")),
        ),
        (
            "confirmed vs database",
            f"{data['rows_in_database']:,} rows = {data['items_confirmed_live']:,} items confirmed + "
            f"{data['rows_of_unconfirmed_writes']} left by the {data['uncertain']} unanswered writes; lost "
            f"{data['lost']}, duplicated {data['duplicated']}, extra {data['phantom']}, differing {data['differs']}",
        ),
        ("failed during the kill", f"{report['failed_during_kill']} (window {report['windows_s']['kill']} s)"),
        (
            "failed during the rolling restart",
            f"{report['failed_during_rolling_restart']} (window {report['windows_s']['rolling']} s)",
        ),
        ("failed at any other time", str(report["failed_elsewhere"])),
    ]
    return "| figure | value |\n|---|---|\n" + "\n".join(f"| {name} | {value} |" for name, value in rows) + "\n"


def main() -> int:
    """Start the cluster, run the users and the faults, verify, report; then run the cluster suite."""
    config = ClusterConfig.from_environment(default_port=18480, default_database="stockroom_cluster_soak")
    config.extra_env = UNTHROTTLED
    out = ARTIFACTS / "cluster-soak"
    try:
        with running_cluster(config, keep_logs_in=out / "logs") as cluster:
            print(f"==> {USERS} users for {SECONDS} s through {cluster.client_url}", flush=True)
            users, faults = drive(cluster)
            report = {**figures(users, faults), "data": verify(cluster, users)}
            report["all_running"] = all(instance.running for instance in cluster.instances)
    except ClusterUnavailable as missing:
        print(missing, file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    print(table(report))
    data = report["data"]
    checks = {
        "0 lost, 0 duplicated, 0 extra, 0 differing": data["lost"] == data["duplicated"] == data["phantom"] == 0
        and data["differs"] == 0,
        "0 failed during the rolling restart": report["failed_during_rolling_restart"] == 0,
        "0 failed outside the kill": report["failed_elsewhere"] == 0,
        "every instance running at the end": report["all_running"],
    }
    print("| check | result |\n|---|---|")
    for name, passed in checks.items():
        print(f"| {name} | {'pass' if passed else 'FAIL'} |")
    print("==> The cluster suite (tests_live/cluster)", flush=True)
    suite = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "tests_live/cluster"])
    return 0 if all(checks.values()) and suite.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
