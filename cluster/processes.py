"""The cluster's processes: gunicorn instances started as deploy/ says, and a private nginx in front of them."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from tests_live.servers import LiveServer, end_process

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"


class Instance(LiveServer):
    """One gunicorn instance of a project, configured by deploy/gunicorn.conf.py and its rendered environment."""

    def __init__(self, name: str, project: str, env: dict, ready_path: str, *, port: int, log_dir: Path):
        super().__init__(name, project, env, ready_path, port=port)
        self.log_path = log_dir / f"{name}.log"

    def _spawn(self, log) -> subprocess.Popen:
        gunicorn = str(self.project / ".venv" / "bin" / "gunicorn")
        return subprocess.Popen(
            [gunicorn, "-c", str(GUNICORN_CONF), "config.wsgi"],
            cwd=self.project,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def running(self) -> bool:
        """Whether the instance's master process is alive."""
        return self.process is not None and self.process.poll() is None

    def stop_gracefully(self) -> None:
        """SIGTERM the master, as a deploy does: it stops accepting, lets requests under way finish, then exits."""
        end_process(self.process, signal.SIGTERM, timeout=int(self.env.get("GUNICORN_GRACEFUL_TIMEOUT", "30")) + 10)
        self.process = None


MAIN_CONF = """# Written by `make cluster`: a private nginx (own pid, logs and temporary files) around deploy/'s site.
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
{user}
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    sendfile on;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/stockroom.conf;
}}
"""


class Nginx:
    """nginx from the system's package, run with a configuration, pid and logs of its own under `prefix`."""

    def __init__(self, binary: str, prefix: Path, ports: list[int]):
        self.binary, self.prefix, self.ports = binary, prefix, ports
        self.conf = prefix / "nginx.conf"
        self.process = None

    def write(self, site: str) -> None:
        """Write the main configuration and the rendered site, and have nginx test them."""
        # As root, nginx's workers would run as nobody, who may not read the repository's static files.
        user = "user root;" if os.geteuid() == 0 else ""
        self.conf.write_text(MAIN_CONF.format(prefix=self.prefix, user=user))
        (self.prefix / "stockroom.conf").write_text(site)
        subprocess.run(self._command("-t", "-q"), check=True, capture_output=True, text=True)

    def _command(self, *args: str) -> list[str]:
        return [self.binary, "-p", str(self.prefix), "-c", str(self.conf), *args]

    def start(self) -> None:
        """Start nginx in the foreground of its own process and wait until it listens on every port."""
        log = (self.prefix / "nginx.out").open("a")
        self.process = subprocess.Popen(
            self._command("-g", "daemon off;"), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.process.poll() is None:
            if all(_listening(port) for port in self.ports):
                return
            time.sleep(0.1)
        raise RuntimeError(f"nginx did not start; see {self.prefix / 'error.log'}")

    def reload(self, site: str) -> None:
        """Apply a new site configuration gracefully: old workers finish their requests, new ones take new ones."""
        self.write(site)
        self.process.send_signal(signal.SIGHUP)
        time.sleep(0.5)  # the new workers are up within milliseconds; the old ones drain on their own

    def stop(self) -> None:
        """Stop nginx gracefully (SIGQUIT), then at once if it lingers."""
        end_process(self.process, signal.SIGQUIT, timeout=10)
        self.process = None


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False
