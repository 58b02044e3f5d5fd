"""The cluster's instances run on the allocator deploy/'s environment files give production."""

from pathlib import Path

import pytest

from tests_live.servers import jemalloc_library


def mapped_libraries(pid: int) -> str:
    """The memory map of a gunicorn master's first worker: the libraries it has loaded."""
    worker = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()[0]
    return Path(f"/proc/{worker}/maps").read_text()


@pytest.mark.skipif(not jemalloc_library(), reason="jemalloc is not installed (apt-get install -y libjemalloc2)")
def test_every_instance_allocates_with_jemalloc(cluster):
    for instance in cluster.instances:
        assert "libjemalloc.so.2" in mapped_libraries(instance.process.pid), instance.name
