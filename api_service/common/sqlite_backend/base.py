"""The backend's connection: Django's SQLite connection, whose writes take the write lock (`write_lock.py`)."""

from urllib.parse import urlsplit

from django.db.backends.sqlite3 import base

from common.sqlite_backend.write_lock import WriteLock


class DatabaseWrapper(base.DatabaseWrapper):
    """A SQLite connection whose writers queue for the database, each woken the moment the one before it is done.

    SQLite alone makes a waiting writer poll, sleeping up to 100 ms between tries, so under steady writes the one
    that keeps waking to a taken lock waits longest (docs/performance.md, P9). Here a transaction takes the write
    lock before its BEGIN and lets go as its COMMIT starts or once its rollback is done; a write outside a
    transaction holds it for its statement. An in-memory database has a single connection, so it needs no lock.
    """

    write_lock = None

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if not self.is_in_memory_db():
            database = conn_params["database"]
            path = urlsplit(database).path if str(database).startswith("file:") else database
            self.write_lock = WriteLock(f"{path}-lock")
        return connection

    def create_cursor(self, name=None):
        if self.write_lock is None:
            return super().create_cursor(name)
        cursor = self.connection.cursor(factory=WriteLockingCursor)
        cursor.write_lock = self.write_lock
        return cursor

    def _commit(self):
        # The COMMIT appends the transaction's pages to the WAL and may then run SQLite's checkpoint, fsyncs and all,
        # which needs no write lock. Letting the next writer in now costs it at most the busy handler's first
        # millisecond or two; holding the lock through the COMMIT (and the wait for the GIL after it) made every
        # writer's turn longer (P9 2.2-3.5 against 2.1-2.3, docs/performance.md).
        if self.write_lock is not None:
            self.write_lock.release()
        return super()._commit()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            # Unless the ROLLBACK failed and left the transaction open.
            if self.write_lock is not None and not (self.connection is not None and self.connection.in_transaction):
                self.write_lock.release()

    def _close(self):
        try:
            return super()._close()
        finally:
            if self.write_lock is not None:
                self.write_lock.close()
                self.write_lock = None


class WriteLockingCursor(base.SQLiteCursorWrapper):
    """Django's SQLite cursor, holding the write lock for any statement but a SELECT that opens no transaction."""

    write_lock: WriteLock

    def execute(self, query, params=None):
        self._lock_for(query)
        try:
            return super().execute(query, params)
        finally:
            self._release_unless_in_transaction()

    def executemany(self, query, param_list):
        self._lock_for(query)
        try:
            return super().executemany(query, param_list)
        finally:
            self._release_unless_in_transaction()

    def _lock_for(self, query: str) -> None:
        # Inside a transaction the statement that opened it took the lock. Outside, a BEGIN or a write takes it, and
        # so does any other statement that is not plainly a read.
        if not (self.write_lock.held or self.connection.in_transaction or query.lstrip()[:6].upper() == "SELECT"):
            self.write_lock.acquire()

    def _release_unless_in_transaction(self) -> None:
        if self.write_lock.held and not self.connection.in_transaction:
            self.write_lock.release()
