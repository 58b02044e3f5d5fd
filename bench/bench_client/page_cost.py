"""What the web client's items page costs on its own: the client in-process, every API call answered by a stub.

P5's "own time" is the page's Server-Timing total minus its time in API calls; wall-clock figures of it move with
the machine's load, so this counts the same work without the API or the network:

    crud_client/.venv/bin/python bench/bench_client/page_cost.py              # median ms per page, 1,000 pages
    crud_client/.venv/bin/python bench/bench_client/page_cost.py --profile    # cProfile of 1,000 pages, top 40
    crud_client/.venv/bin/python bench/bench_client/page_cost.py --callgrind  # instructions per page (valgrind)
    crud_client/.venv/bin/python bench/bench_client/page_cost.py --churn      # timed, the CPU caches swept per page

The client runs with its production settings (DEBUG off, SQLite sessions, collected static files) and is called as
gunicorn calls it, through its WSGI application, with the cookies a logged-in browser sends. The stub replaces
`ApiTransport.request`, exactly the part `Server-Timing`'s `api` measures, and answers with what the bench's data
looks like: 20 items of 20,000, 50 categories. `--callgrind` runs the process twice under valgrind, once with
`--pages` page views and once with none, and divides the difference, so start-up and warm-up cancel out.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "crud_client"
PAGE = "/items/"
WARM_UP = 20
BENCH_USER = "bench"
TOKEN = "bench-token-0123456789abcdef0123456789abcdef"
ADJECTIVES = ("Claw", "Steel", "Cordless", "Brass", "Heavy-duty", "Compact", "Folding", "Precision")
NOUNS = ("hammer", "wrench", "drill", "screwdriver", "saw", "level", "clamp", "chisel")


def environment(database: Path) -> dict:
    """Return the client's production settings, as bench/stack.py serves it, with a database of its own."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CLIENT_DATABASE_URL": f"sqlite:///{database}",
        "CLIENT_DEBUG": "false",
        "CLIENT_SECRET_KEY": "page-cost-" + "k" * 50,
        "CLIENT_ALLOWED_HOSTS": "127.0.0.1",
        "CLIENT_SECURE_SSL_REDIRECT": "false",
        "CLIENT_SECURE_COOKIES": "false",
        "CLIENT_LOG_LEVEL": "WARNING",
        "API_CLIENT_KEY": "page-cost-client-key",
        # The same dict and set order in every run, so two callgrind runs differ only by the pages.
        "PYTHONHASHSEED": "0",
    }


def api_answers() -> dict:
    """Return the stub's answer to each API path the login and the items page call."""
    categories = [
        {
            "id": n,
            "name": f"Category {n:03d}",
            "description": f"Demo category {n}.",
            "item_count": 400,
            "version": 1,
            "created_at": "2026-11-27T10:00:00.000000Z",
            "updated_at": "2026-11-27T10:00:00.000000Z",
        }
        for n in range(1, 51)
    ]
    items = []
    for n in range(1, 21):
        name = f"{ADJECTIVES[n % 8]} {NOUNS[n * 3 % 8]} {n * 37}"
        items.append(
            {
                "id": 1000 + n,
                "name": name,
                "sku": f"SKU-3-{n * 37:07d}",
                "description": f"{name}, demo stock.",
                "category": n % 50 + 1,
                "category_name": f"Category {n % 50 + 1:03d}",
                "quantity": 0 if n % 5 == 0 else n * 23,
                "reorder_level": 0,
                "price": f"{n * 1234 % 500000 / 100:.2f}",
                "version": 1,
                "created_at": "2026-11-27T10:00:00.000000Z",
                "updated_at": f"2026-11-{n % 28 + 1:02d}T12:49:{n:02d}.258120Z",
            }
        )
    user = {"id": 3, "username": BENCH_USER, "email": "bench@example.com"}
    return {
        "auth/login/": {"token": TOKEN, "expiry": "2099-01-01T00:00:00Z", "user": user},
        "categories/": {"count": len(categories), "next": None, "previous": None, "results": categories},
        "items/": {"count": 20_000, "next": "http://api/items/?page=2", "previous": None, "results": items},
    }


def stub_api() -> None:
    """Answer every API call from `api_answers()` instead of over HTTP."""
    from apiclient.transport import ApiResponse, ApiTransport

    answers = api_answers()

    def request(self, method, path, *, headers=None, params=None, json=None, data=None):
        # The same decoded answer every time: decoding is the API time's, not the page's (and check() makes sure
        # no page changed an answer it was given).
        return ApiResponse(200, answers[path], {"Content-Type": "application/json"})

    ApiTransport.request = request


def set_up_django(database: Path, *, prepare: bool) -> None:
    """Configure the client in this process; with `prepare`, also migrate its database and collect static files."""
    os.environ.update(environment(database))
    os.chdir(CLIENT)
    sys.path.insert(0, str(CLIENT))
    import django
    from django.core.management import call_command

    django.setup()
    if prepare:
        call_command("migrate", "--noinput", "-v", "0")
        call_command("collectstatic", "--noinput", "-v", "0")
    stub_api()
    # The category list stays fresh for a minute; valgrind's slowdown must not make a page refresh it.
    import inventory.category_choices

    inventory.category_choices.MAX_AGE = 10**9


def log_in() -> str:
    """Log the bench user in through the login form; return the Cookie header a browser then sends."""
    from django.conf import settings
    from django.test import Client

    browser = Client(HTTP_HOST="127.0.0.1")
    answer = browser.post("/login/", {"username": BENCH_USER, "password": "any"})
    assert answer.status_code == 302, f"login answered {answer.status_code}"
    browser.get("/login/")  # the CSRF cookie, as a browser that has seen a form holds one
    names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    return "; ".join(f"{name}={browser.cookies[name].value}" for name in names)


class Page:
    """The items page, requested through the client's WSGI application as gunicorn does."""

    def __init__(self, cookie: str):
        from django.core.wsgi import get_wsgi_application

        self.application = get_wsgi_application()
        self.cookie = cookie

    def environ(self) -> dict:
        """Return what gunicorn hands the application for `GET /items/` from wrk."""
        import io

        return {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "PATH_INFO": PAGE,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8001",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1:8001",
            "HTTP_COOKIE": self.cookie,
            "wsgi.input": io.BytesIO(b""),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }

    def view(self) -> tuple[str, dict, bytes]:
        """Request the page once; return its status, headers and body."""
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, dict(headers)

        response = self.application(self.environ(), start_response)
        try:
            body = b"".join(response)
        finally:
            response.close()
        return answer["status"], answer["headers"], body


def check(status: str, body: bytes) -> None:
    """Fail unless the page is the full items page: 200, every row shown."""
    assert status.startswith("200"), f"the items page answered {status}"
    rows = body.count(b'name="ids"')
    assert rows == 20, f"the items page shows {rows} rows, not 20"
    from apiclient.transport import ApiTransport

    assert ApiTransport.request(None, "GET", "items/").data == api_answers()["items/"], "a page changed its answer"


def ready_page() -> Page:
    """Log in and request the page until it is warm (templates compiled, URLs and connections ready)."""
    page = Page(log_in())
    for _ in range(WARM_UP):
        status, _headers, body = page.view()
    check(status, body)
    return page


def timed(page: Page, pages: int, *, churn: bool = False) -> None:
    """Print the median wall time per page and the median Server-Timing own time (app − api); with `churn`, each
    page starts with the CPU caches full of other data, as when the API and other processes ran since the last."""
    walls, cpu, own = [], [], []
    sweep = _CacheSweep() if churn else None
    for _ in range(pages):
        if sweep is not None:
            sweep()
        started, started_cpu = time.perf_counter(), time.thread_time()
        _status, headers, _body = page.view()
        cpu.append(time.thread_time() - started_cpu)
        walls.append(time.perf_counter() - started)
        timing = dict(part.strip().split(";dur=") for part in headers["Server-Timing"].split(","))
        own.append(float(timing["app"]) - float(timing["api"]))
    # CPU time moves less with the machine's load than wall time, which counts the time other processes ran.
    print(
        f"{pages} pages, medians per page: {statistics.median(walls) * 1e3:.2f} ms through WSGI, "
        f"{statistics.median(cpu) * 1e3:.2f} ms of CPU; Server-Timing own (app − api) {statistics.median(own):.2f} ms"
    )


class _CacheSweep:
    """Write one byte per cache line of a buffer larger than the CPU's caches, evicting what the page had there."""

    SIZE = 16 * 1024 * 1024
    LINE = 64

    def __init__(self):
        self.buffer = bytearray(self.SIZE)

    def __call__(self) -> None:
        buffer = self.buffer
        for offset in range(0, self.SIZE, self.LINE):
            buffer[offset] ^= 1


def profiled(page: Page, pages: int, top: int) -> None:
    """Print cProfile's tables of `pages` page views, by own time and by cumulative time."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(pages):
        page.view()
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs().sort_stats("tottime")
    stats.print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def callgrind_count(pages: int, database: Path) -> None:
    """Print instructions per page: two callgrind runs, `pages` page views and none, their difference per page."""
    counts = {}
    for count in (0, pages):
        command = [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--run",
            str(count),
            "--database",
            str(database),
        ]
        result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        found = re.search(r"Collected : (\d+)", result.stderr)
        if result.returncode != 0 or found is None:
            sys.exit(f"callgrind run failed:\n{result.stderr[-3000:]}")
        counts[count] = int(found.group(1))
        print(f"{count} pages: {counts[count]:,} instructions", flush=True)
    per_page = (counts[pages] - counts[0]) / pages
    print(f"per items page: {per_page / 1e6:.2f} million instructions ({pages} pages minus 0)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, help="page views to time or count (default 1,000; 40 under callgrind)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile table instead of timing")
    parser.add_argument("--top", type=int, default=40, help="rows of the cProfile table")
    parser.add_argument("--callgrind", action="store_true", help="count instructions per page with valgrind")
    parser.add_argument("--churn", action="store_true", help="time each page after sweeping the CPU caches")
    # The two steps of --callgrind, each in a process of its own: prepare the database, then one counted run.
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--run", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--database", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare or args.run is not None:
        set_up_django(args.database, prepare=args.prepare)
        if args.run is not None:
            page = ready_page()
            for _ in range(args.run):
                page.view()
        return
    with tempfile.TemporaryDirectory(prefix="page-cost-") as tmp:
        database = Path(tmp) / "client.sqlite3"
        if args.callgrind:
            # Migrated and collected once, outside valgrind; each callgrind run only opens them.
            subprocess.run([sys.executable, __file__, "--prepare", "--database", str(database)], check=True)
            callgrind_count(args.pages or 40, database)
            return
        set_up_django(database, prepare=True)
        page = ready_page()
        if args.profile:
            profiled(page, args.pages or 1000, args.top)
        else:
            timed(page, args.pages or 1000, churn=args.churn)


if __name__ == "__main__":
    main()
