"""Start the real API and web client with gunicorn on free ports, each with a fresh database."""

import os
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
CLIENT_KEY = "live-suite-client-key"


def jemalloc_library() -> str:
    """Debian's jemalloc (package libjemalloc2) for LD_PRELOAD, or "" when it is not installed: glibc's malloc then.

    The servers run on it as deploy/ says production should: glibc's per-thread arenas let a threaded worker's
    memory creep up for thousands of requests (docs/performance.md, P8); jemalloc's does not.
    """
    found = sorted(Path("/usr/lib").glob("*-linux-gnu/libjemalloc.so.2"))
    return str(found[0]) if found else ""


def free_port() -> int:
    """Return a TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fresh_database(tmp: Path, name: str) -> tuple[str, callable]:
    """Return a database URL for a new, empty database, and a function that drops it."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        return f"sqlite:///{tmp / f'{name}.sqlite3'}", lambda: None
    database = f"stockroom_live_{name}_{secrets.token_hex(4)}"
    admin_sql = ROOT / "api_service" / ".venv" / "bin" / "python"

    def sql(statement):
        code = f"import psycopg; c = psycopg.connect({base!r}, autocommit=True); c.execute({statement!r})"
        subprocess.run([str(admin_sql), "-c", code], check=True)

    sql(f'CREATE DATABASE "{database}"')
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{database}")), lambda: sql(
        f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'
    )


class LiveServer:
    """One gunicorn-served project that can be stopped and started again on the same port."""

    def __init__(
        self,
        name: str,
        project: str,
        env: dict,
        ready_path: str,
        *,
        workers: int = 1,
        threads: int = 4,
        app: str = "config.wsgi",
        port: int | None = None,
    ):
        self.name, self.project, self.ready_path = name, ROOT / project, ready_path
        self.app = app  # what gunicorn serves: the project's own WSGI module, or one the bench brings
        self.workers, self.threads = workers, threads
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
        # Named by port, so runs side by side keep apart; a restart (the API-down flow) appends to the same log.
        self.log_path = ARTIFACTS / "live-logs" / f"{name}-{self.port}.log"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.process = None

    def manage(self, *args: str) -> str:
        """Run a management command with this server's configuration; return its output."""
        result = subprocess.run(
            [str(self.project / ".venv" / "bin" / "python"), "manage.py", *args],
            cwd=self.project,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def shell(self, code: str) -> str:
        """Run Python code in `manage.py shell` with this server's configuration; return the last line it printed."""
        # Django's shell announces its automatic imports first; the code's own output comes last.
        lines = self.manage("shell", "-c", code).strip().splitlines()
        return lines[-1] if lines else ""

    def token_count(self, username: str) -> int:
        """Return how many live tokens the API holds for a user (API server only)."""
        code = "from knox.models import AuthToken; print(AuthToken.objects.filter(user__username={!r}).count())"
        return int(self.shell(code.format(username)))

    def expire_tokens(self, username: str | None = None) -> None:
        """Expire every token the API issued (or one user's), as if their TTL had passed (API server only)."""
        tokens = "AuthToken.objects" + (f".filter(user__username={username!r})" if username else "")
        self.shell(
            "from knox.models import AuthToken; from django.utils import timezone; "
            f"{tokens}.update(expiry=timezone.now())"
        )

    def discard_log(self) -> None:
        """Delete the server's log; the fixtures keep it only when a test failed."""
        self.log_path.unlink(missing_ok=True)

    def start(self) -> None:
        """Start gunicorn (gthread workers, as in production) and wait until it answers."""
        with self.log_path.open("a") as log:
            self.process = self._spawn(log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if requests.get(self.url + self.ready_path, timeout=1).status_code < 500:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.name} did not start; see {self.log_path}")

    def _spawn(self, log) -> subprocess.Popen:
        return subprocess.Popen(
            [
                str(self.project / ".venv" / "bin" / "gunicorn"),
                self.app,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--worker-class",
                "gthread",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--timeout",
                "30",
                "--graceful-timeout",
                "2",
            ],
            cwd=self.project,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def worker_rss_kib(self) -> int:
        """Return the resident memory of gunicorn's workers (the master's children), in KiB."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        total = 0
        for pid in children:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        return total

    def freeze(self) -> None:
        """Stop every process of the server with SIGSTOP: connections are accepted by the kernel and never answered."""
        os.killpg(self.process.pid, signal.SIGSTOP)

    def kill(self) -> None:
        """Kill the server and its workers at once (SIGKILL), as a crash or an OOM kill would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None

    def unanswered_bytes(self) -> int:
        """Return how many bytes sent to this server wait unread in its sockets (a request in flight to it)."""
        waiting = 0
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                local_port = int(fields[1].rsplit(":", 1)[1], 16)
                if local_port == self.port:
                    waiting += int(fields[4].split(":")[1], 16)  # rx_queue
        return waiting

    def stop(self) -> None:
        """Stop gunicorn and its workers (its whole process group) and wait until the port is closed."""
        end_process(self.process, signal.SIGTERM, timeout=10, whole_group=True)
        self.process = None


def end_process(process: subprocess.Popen | None, sig: int, *, timeout: float, whole_group: bool = False) -> None:
    """Send `sig` (to the process's whole group, or its leader alone) and wait; SIGKILL the group past `timeout`."""
    if process is None or process.poll() is not None:
        return
    if whole_group:
        os.killpg(process.pid, sig)
        # A frozen server (LiveServer.freeze()) handles the signal once it runs again.
        os.killpg(process.pid, signal.SIGCONT)
    else:
        process.send_signal(sig)
        process.send_signal(signal.SIGCONT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
