"""The SQLite backend's write lock: on a file database writers queue for it across threads and processes instead of
polling SQLite's busy handler, and no outcome of a transaction leaves it held."""

import fcntl
import os
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction
from django.db.utils import ConnectionHandler
from knox.models import AuthToken
from rest_framework.test import APIClient

from common.sqlite_backend.base import DatabaseWrapper
from tests.conftest import race

PROJECT = Path(__file__).resolve().parents[2]
ALIAS = "file_database"


@pytest.fixture
def database(tmp_path, django_db_blocker):
    """Return the path of a file database (in WAL mode, as the API opens it) with an empty table `t`."""
    path = tmp_path / "db.sqlite3"
    with closing(sqlite3.connect(path)) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE t (n INTEGER)")
    with django_db_blocker.unblock():
        yield path


def connection_to(path: Path, alias: str, **options) -> DatabaseWrapper:
    """Return a new connection of the backend to the file `path`, with the API's SQLite options (or `options`)."""
    configured = ConnectionHandler().configure_settings(
        {
            "default": {
                "ENGINE": "common.sqlite_backend",
                "NAME": str(path),
                "OPTIONS": {**settings.SQLITE_OPTIONS, **options},
            }
        }
    )
    return DatabaseWrapper(configured["default"], alias)


@contextmanager
def opened(path: Path, **options):
    """Open the backend on `path` for this thread, where `transaction.atomic(using=ALIAS)` finds it."""
    connections[ALIAS] = connection_to(path, ALIAS, **options)
    try:
        yield connections[ALIAS]
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]


def insert(n: int) -> None:
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (%s)", [n])


def rows() -> list[int]:
    """Return `t` as this thread's connection sees it."""
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT n FROM t ORDER BY n")
        return [n for (n,) in cursor.fetchall()]


def committed(path: Path, table: str = "t") -> int:
    """Return how many committed rows `table` has, read by SQLite alone."""
    with closing(sqlite3.connect(path)) as reader:
        return reader.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def lock_is_free(database: Path) -> bool:
    """Return whether another open file could take the write lock right now."""
    with open(f"{database}-lock", "ab") as other:
        try:
            fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(other.fileno(), fcntl.LOCK_UN)
        return True


def commit_once_a_writer_queues(database: Path, start_writer):
    """Insert 1 in a transaction, call `start_writer()`, and commit once a writer waits for the lock; return it."""
    # The kernel lists a waiting lock in /proc/locks with "->" before it: that, not a sleep, says the writer waits,
    # and waits for the file lock rather than in SQLite's busy handler.
    with opened(database), transaction.atomic(using=ALIAS):
        insert(1)
        inode = f":{os.stat(f'{database}-lock').st_ino} "
        writer = start_writer()
        deadline = time.monotonic() + 10
        while not any(line.split()[1] == "->" and inode in line for line in Path("/proc/locks").open()):
            assert time.monotonic() < deadline, "no writer waited for the write lock"
    return writer


def on_a_thread(work) -> threading.Thread:
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def test_a_transaction_holds_the_lock_until_it_commits(database):
    with opened(database):
        with transaction.atomic(using=ALIAS):
            insert(1)
            assert not lock_is_free(database)
        assert lock_is_free(database)
    assert committed(database) == 1


def test_a_rolled_back_transaction_releases_the_lock(database):
    with opened(database):
        with transaction.atomic(using=ALIAS):
            insert(1)
            transaction.set_rollback(True, using=ALIAS)
        assert lock_is_free(database)
    assert committed(database) == 0


def test_an_exception_in_a_transaction_releases_the_lock(database):
    with opened(database):
        with pytest.raises(ZeroDivisionError), transaction.atomic(using=ALIAS):
            insert(1)
            1 / 0  # noqa: B018
        assert lock_is_free(database)
    assert committed(database) == 0


def test_a_begin_that_fails_releases_the_lock(database):
    # A connection outside the backend (the sqlite3 shell, say) holds SQLite's own write lock.
    with closing(sqlite3.connect(database, isolation_level=None)) as outsider, opened(database, timeout=0):
        outsider.execute("BEGIN IMMEDIATE")
        with pytest.raises(OperationalError, match="database is locked"), transaction.atomic(using=ALIAS):
            insert(1)
        assert lock_is_free(database)


def test_closing_a_connection_inside_a_transaction_releases_the_lock(database):
    with opened(database) as connection, transaction.atomic(using=ALIAS):
        insert(1)
        connection.close()
        assert lock_is_free(database)
    assert committed(database) == 0


def test_a_read_outside_a_transaction_does_not_wait_for_the_lock(database):
    seen = []

    def read():
        with opened(database):
            seen.append(rows())

    with open(f"{database}-lock", "ab") as other:
        fcntl.flock(other.fileno(), fcntl.LOCK_EX)
        on_a_thread(read).join(timeout=10)
    assert seen == [[]]


def test_a_second_writer_begins_only_after_the_first_commits(database):
    seen = []

    def second_writer():
        with opened(database), transaction.atomic(using=ALIAS):
            seen.append(rows())
            insert(2)

    commit_once_a_writer_queues(database, lambda: on_a_thread(second_writer)).join()
    assert seen == [[1]]
    assert committed(database) == 2


def test_a_write_outside_a_transaction_waits_for_the_writer_before_it(database):
    def write_alone():
        with opened(database):
            insert(2)

    commit_once_a_writer_queues(database, lambda: on_a_thread(write_alone)).join()
    assert committed(database) == 2


def test_a_writer_in_another_process_waits_for_the_commit(database):
    code = (
        "import django, sys; from django.conf import settings; "
        f"settings.configure(DATABASES={{'default': {{'ENGINE': 'common.sqlite_backend', 'NAME': sys.argv[1], "
        f"'OPTIONS': {settings.SQLITE_OPTIONS!r}}}}}); django.setup(); "
        "from django.db import connection, transaction\n"
        "with transaction.atomic(), connection.cursor() as cursor:\n"
        "    print(cursor.execute('SELECT COUNT(*) FROM t').fetchone()[0])\n"
        "    cursor.execute('INSERT INTO t VALUES (2)')\n"
    )
    command = [sys.executable, "-c", code, str(database)]
    other = commit_once_a_writer_queues(
        database, lambda: subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, text=True)
    )
    output, _ = other.communicate(timeout=30)
    assert (other.returncode, output.split()) == (0, ["1"])
    assert committed(database) == 2


@pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "common.sqlite_backend", reason="needs SQLite")
@pytest.mark.django_db(transaction=True)
def test_concurrent_creates_through_the_api_never_find_the_database_locked(tmp_path, user):
    _, token = AuthToken.objects.create(user)
    copy = tmp_path / "api.sqlite3"
    with closing(sqlite3.connect(copy)) as file_database:
        connections["default"].connection.backup(file_database)  # the migrated test database, user and token
        file_database.execute("PRAGMA journal_mode=WAL")  # as `migrate` leaves a new database

    def create_five(n):
        connections["default"] = connection_to(copy, "default")  # this thread's requests use the file
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        item = {"name": f"Item {n}", "quantity": 1, "price": "1.00"}
        return [client.post("/api/v1/items/", item).status_code for _ in range(5)]

    assert race(create_five, 8) == [[201] * 5] * 8
    assert committed(copy, "inventory_item") == 40
