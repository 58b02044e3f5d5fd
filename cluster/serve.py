"""`make cluster`: nginx, two API and two web client instances on PostgreSQL and Redis, until Ctrl-C.

Environment: CLUSTER_PORT (8080: the web client; the API on 8081, instances on 8090-8093), CLUSTER_DATABASE_URL
(postgresql://postgres@127.0.0.1:5432/stockroom_cluster, created when missing; the client's database is its name
+ `_client`, or CLUSTER_CLIENT_DATABASE_URL), CLUSTER_REDIS_URL (redis://127.0.0.1:6379/4), CLUSTER_WORKERS (1)
and CLUSTER_THREADS (8) per instance.
"""

import signal
import sys
import time

from cluster.stack import ClusterConfig, ClusterUnavailable, running_cluster


def main() -> int:
    """Start the cluster, print its URLs, and stop everything on Ctrl-C (or SIGTERM)."""
    config = ClusterConfig.from_environment(default_port=8080)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # Ctrl-C stops everything even when started from a shell that had SIGINT ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with running_cluster(config) as cluster:
            print(
                f"\nStockroom cluster: nginx in front of 2 API and 2 web client instances (DEBUG off).\n"
                f"  Web client  {cluster.client_url}/\n"
                f"  API         {cluster.api_url}/api/v1/   (docs: {cluster.api_url}/api/docs/)\n"
                f"  Instances   {', '.join(f'{i.name} {i.url}' for i in cluster.instances)}\n"
                f"  Databases   {config.database_url} (API), {config.client_database_url} (client)\n"
                f"  Redis       {config.redis_url}\n"
                f"  Logs        {cluster.workdir}\n"
                "Press Ctrl-C to stop everything.",
                flush=True,
            )
            return watch(cluster)
    except ClusterUnavailable as missing:
        print(missing, file=sys.stderr)
        return 2


def watch(cluster) -> int:
    """Wait for Ctrl-C (0), or for an instance to stop on its own (1)."""
    try:
        while True:
            for instance in cluster.instances:
                if not instance.running:
                    print(f"{instance.name} stopped; see its log. Stopping the cluster.", file=sys.stderr)
                    return 1
            time.sleep(1)
    except KeyboardInterrupt:
        print("\n==> Stopping the cluster", flush=True)
        return 0


if __name__ == "__main__":
    sys.exit(main())
