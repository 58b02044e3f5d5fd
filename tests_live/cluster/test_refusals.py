"""The cluster refuses to start, saying what is missing and how to get it, when nginx, PostgreSQL or Redis is."""

import os
import subprocess
import sys

from cluster.prerequisites import ROOT, problems

NOWHERE_REDIS = "redis://127.0.0.1:1/0"
NOWHERE_POSTGRES = "postgresql://postgres@127.0.0.1:1/stockroom_cluster"


def test_missing_nginx_is_named_with_the_package_to_install():
    assert any("apt-get install -y nginx" in problem for problem in problems(None, [], NOWHERE_REDIS))


def test_redis_that_does_not_answer_is_named_with_its_url():
    assert any(
        f"Redis does not answer at {NOWHERE_REDIS}" in problem for problem in problems("nginx", [], NOWHERE_REDIS)
    )


def test_postgresql_that_does_not_answer_is_named_with_its_address():
    found = problems("nginx", [NOWHERE_POSTGRES], NOWHERE_REDIS)
    assert any("PostgreSQL at 127.0.0.1:1" in problem for problem in found)


def test_a_sqlite_database_is_refused():
    found = problems("nginx", ["sqlite:///cluster.sqlite3"], NOWHERE_REDIS)
    assert any("needs PostgreSQL, not sqlite" in problem for problem in found)


def test_make_cluster_exits_with_the_reasons_and_starts_nothing():
    env = {**os.environ, "CLUSTER_DATABASE_URL": NOWHERE_POSTGRES, "CLUSTER_REDIS_URL": NOWHERE_REDIS}
    result = subprocess.run(
        [sys.executable, "-m", "cluster.serve"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "The cluster cannot start" in result.stderr and "Redis does not answer" in result.stderr
    assert "Starting" not in result.stdout
