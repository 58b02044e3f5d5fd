"""The cluster suite's cluster: nginx, two API and two client instances, as `make cluster` starts them.

Skipped, with the reason, when nginx, PostgreSQL or Redis is missing. CLUSTER_PORT (18440 here), CLUSTER_DATABASE_URL
(stockroom_cluster_suite) and CLUSTER_REDIS_URL choose where it runs.
"""

import pytest

from cluster.stack import Cluster, ClusterConfig, ClusterUnavailable

# The suite signs people up from one address; the per-address limits have their own tests in the API suite.
UNTHROTTLED = {"API_THROTTLE_AUTH_IP": "10000/min", "API_THROTTLE_PASSWORD_FAILURES_IP": "10000/min"}


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    """A running cluster for the whole session."""
    config = ClusterConfig.from_environment(default_port=18440, default_database="stockroom_cluster_suite")
    config.extra_env = UNTHROTTLED
    running = Cluster(config, tmp_path_factory.mktemp("cluster"))
    try:
        running.start()
    except ClusterUnavailable as missing:
        pytest.skip(str(missing))
    yield running
    running.stop()
