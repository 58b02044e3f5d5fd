"""The cluster: nginx in front of two API and two web client instances on one PostgreSQL and one Redis."""

import os
import secrets
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from cluster import prerequisites
from cluster.processes import Instance, Nginx
from cluster.templates import environment, render
from tests_live.servers import jemalloc_library

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
# Loopback has no TLS: the one difference from deploy/'s production environment (docs/deployment.md).
_PLAIN_HTTP = {
    "API_SECURE_SSL_REDIRECT": "false",
    "API_SECURE_COOKIES": "false",
    "API_HSTS_SECONDS": "0",
    "CLIENT_SECURE_SSL_REDIRECT": "false",
    "CLIENT_SECURE_COOKIES": "false",
    "CLIENT_HSTS_SECONDS": "0",
}


class ClusterUnavailable(Exception):
    """nginx, PostgreSQL or Redis is missing; the message says which and how to get it."""


@dataclass
class ClusterConfig:
    """Where the cluster listens and what it uses: the client's site on `port`, the API's on `port + 1`, the four
    instances on `port + 10` to `port + 13`."""

    port: int
    database_url: str
    client_database_url: str
    redis_url: str
    workers: int = 1
    threads: int = 8
    extra_env: dict = field(default_factory=dict)  # for both projects, e.g. the soak's throttle rates

    @classmethod
    def from_environment(cls, default_port: int, default_database: str = "stockroom_cluster") -> "ClusterConfig":
        """Read CLUSTER_PORT, CLUSTER_DATABASE_URL, CLUSTER_CLIENT_DATABASE_URL, CLUSTER_REDIS_URL, CLUSTER_WORKERS
        and CLUSTER_THREADS."""
        database = os.environ.get("CLUSTER_DATABASE_URL", f"postgresql://postgres@127.0.0.1:5432/{default_database}")
        parts = urlsplit(database)
        client_database = parts._replace(path=f"{parts.path.rstrip('/')}_client").geturl()
        return cls(
            port=int(os.environ.get("CLUSTER_PORT", default_port)),
            database_url=database,
            client_database_url=os.environ.get("CLUSTER_CLIENT_DATABASE_URL", client_database),
            redis_url=os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/4"),
            workers=int(os.environ.get("CLUSTER_WORKERS", "1")),
            threads=int(os.environ.get("CLUSTER_THREADS", "8")),
        )


class Cluster:
    """Start, kill, restart and roll the cluster's processes; `workdir` holds nginx's files and every log."""

    def __init__(self, config: ClusterConfig, workdir: Path):
        self.config, self.workdir = config, workdir
        self.client_url = f"http://127.0.0.1:{config.port}"
        self.api_url = f"http://127.0.0.1:{config.port + 1}"
        # One set of keys for the cluster's life: sessions and sealed tokens must work on either client instance.
        self._keys = {
            "api_secret_key": secrets.token_urlsafe(50),
            "client_secret_key": secrets.token_urlsafe(50),
            "client_key": secrets.token_urlsafe(32),
        }
        self.apis = [self._instance("api", "api_service", "/healthz", n) for n in (1, 2)]
        self.clients = [self._instance("client", "crud_client", "/login/", n) for n in (1, 2)]
        self.down: set[str] = set()  # instances nginx is told to leave alone (a rolling restart's drain)
        self.nginx = None

    @property
    def instances(self) -> list[Instance]:
        """Every gunicorn instance: the APIs, then the clients."""
        return [*self.apis, *self.clients]

    def _instance(self, kind: str, project: str, ready_path: str, number: int) -> Instance:
        offset = 10 + (0 if kind == "api" else 2) + number - 1
        port = self.config.port + offset
        values = {
            **self._keys,
            "api_host": "127.0.0.1,localhost",
            "client_host": "127.0.0.1,localhost",
            "database_url": self.config.database_url,
            "client_database_url": self.config.client_database_url,
            "redis_url": self.config.redis_url,
            "api_public_url": self.api_url,
            "client_public_url": self.client_url,
            "bind": f"127.0.0.1:{port}",
            "workers": self.config.workers,
            "threads": self.config.threads,
            "jemalloc": jemalloc_library(),
        }
        env = {**environment(DEPLOY / f"{kind}.env", values), **_PLAIN_HTTP, **self.config.extra_env}
        self.workdir.mkdir(parents=True, exist_ok=True)
        return Instance(f"{kind}-{number}", project, env, ready_path, port=port, log_dir=self.workdir)

    def site(self) -> str:
        """The nginx site from deploy/, with the instances being drained marked `down`."""

        def address(instance):
            return f"127.0.0.1:{instance.port}" + (" down" if instance.name in self.down else "")

        return render(
            DEPLOY / "nginx" / "stockroom.conf",
            {
                "client_1": address(self.clients[0]),
                "client_2": address(self.clients[1]),
                "api_1": address(self.apis[0]),
                "api_2": address(self.apis[1]),
                "client_listen": f"127.0.0.1:{self.config.port}",
                "api_listen": f"127.0.0.1:{self.config.port + 1}",
                "client_server_name": "localhost",
                "api_server_name": "localhost",
                "client_static_root": ROOT / "crud_client" / "staticfiles",
                "api_static_root": ROOT / "api_service" / "staticfiles",
            },
        )

    def start(self) -> None:
        """Check what the cluster needs, prepare both databases and the static files, start everything."""
        nginx = prerequisites.nginx_binary()
        databases = [self.config.database_url, self.config.client_database_url]
        found = prerequisites.problems(nginx, databases, self.config.redis_url)
        if found:
            raise ClusterUnavailable("The cluster cannot start:\n- " + "\n- ".join(found))
        print("==> Migrating and collecting static files", flush=True)
        for instance in (self.apis[0], self.clients[0]):
            instance.manage("migrate", "--noinput", "-v", "0")
            instance.manage("collectstatic", "--noinput", "-v", "0")
        self.workdir.chmod(0o755)
        self.nginx = Nginx(nginx, self.workdir, [self.config.port, self.config.port + 1])
        try:
            for instance in self.instances:
                print(f"==> Starting {instance.name} on {instance.url}", flush=True)
                instance.start()
            self.nginx.write(self.site())
            self.nginx.start()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop nginx and every instance."""
        if self.nginx:
            self.nginx.stop()
        for instance in self.instances:
            instance.stop()

    def kill(self, instance: Instance) -> None:
        """SIGKILL an instance and its workers, as a crash or the OOM killer would."""
        instance.kill()

    def restart_gracefully(self, instance: Instance) -> None:
        """A deploy of one instance: drain it in nginx, SIGTERM it (requests under way finish), start it again,
        and put it back."""
        self.down.add(instance.name)
        self.nginx.reload(self.site())
        instance.stop_gracefully()
        instance.start()
        self.down.discard(instance.name)
        self.nginx.reload(self.site())

    def keep_logs(self, destination: Path) -> None:
        """Copy every log (the instances', nginx's) to `destination`."""
        destination.mkdir(parents=True, exist_ok=True)
        for log in self.workdir.glob("*.log"):
            shutil.copy(log, destination / log.name)


@contextmanager
def running_cluster(config: ClusterConfig, *, keep_logs_in: Path | None = None):
    """Start a cluster with its files in a temporary directory, yield it, stop it (copying its logs first to
    `keep_logs_in`, when given). Raises ClusterUnavailable when nginx, PostgreSQL or Redis is missing."""
    with tempfile.TemporaryDirectory(prefix="stockroom-cluster-") as workdir:
        cluster = Cluster(config, Path(workdir))
        cluster.start()
        try:
            yield cluster
        finally:
            cluster.stop()
            if keep_logs_in is not None:
                cluster.keep_logs(keep_logs_in)
