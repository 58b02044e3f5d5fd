"""What the cluster needs on this machine: nginx, PostgreSQL and Redis, each checked with a message that says how."""

import shutil
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
API_PYTHON = ROOT / "api_service" / ".venv" / "bin" / "python"


def nginx_binary() -> str | None:
    """Return nginx's path (Debian installs it in /usr/sbin, often not on a user's PATH), or None."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def redis_answers(url: str) -> bool:
    """Tell whether a Redis server answers PING at the URL's host and port."""
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def _postgres(url: str, code: str) -> subprocess.CompletedProcess:
    # psycopg lives in the API's environment, not in the tools' one this runs in.
    script = f"import psycopg, sys\nurl = {url!r}\n{code}"
    return subprocess.run([str(API_PYTHON), "-c", script], capture_output=True, text=True, timeout=30)


def ensure_database(url: str) -> str | None:
    """Create the URL's PostgreSQL database when missing; return a problem, or None when it is there."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = parts._replace(path="/postgres").geturl()
    code = (
        "try:\n"
        "    c = psycopg.connect(url, autocommit=True, connect_timeout=3)\n"
        "except psycopg.OperationalError as error:\n"
        "    sys.exit(f'cannot connect: {error}'.strip())\n"
        f"if not c.execute('SELECT 1 FROM pg_database WHERE datname = %s', [{name!r}]).fetchone():\n"
        f"    c.execute('CREATE DATABASE \"{name}\"')\n"
        "    print('created')\n"
    )
    result = _postgres(server, code)
    if result.returncode != 0:
        return f"PostgreSQL at {parts.hostname}:{parts.port or 5432}: {result.stderr.strip() or result.stdout.strip()}"
    if "created" in result.stdout:
        print(f"    created database {name}", flush=True)
    return None


def problems(nginx: str | None, database_urls: list[str], redis_url: str) -> list[str]:
    """Return what is missing, each with how to get it; empty when the cluster can start."""
    found = []
    if nginx is None:
        found.append("nginx is missing: install it with `apt-get install -y nginx` (Debian's package).")
    for url in database_urls:
        if not url.startswith("postgres"):
            found.append(f"The cluster needs PostgreSQL, not {url.split(':')[0]}: set CLUSTER_DATABASE_URL.")
        elif problem := ensure_database(url):
            found.append(f"{problem}\n  Start PostgreSQL or point CLUSTER_DATABASE_URL at one.")
    if not redis_answers(redis_url):
        found.append(f"Redis does not answer at {redis_url}: start it or point CLUSTER_REDIS_URL at one.")
    return found
