"""The write lock: an exclusive `flock` on a file beside the database, for one connection at a time."""

import fcntl


class WriteLock:
    """One connection's handle on the database's write lock.

    The lock is on the open file, not the process, so each connection opens the file for itself: threads of one
    process queue for it as processes do. The kernel wakes a waiter as soon as the holder lets go, and drops the
    lock of a process that dies.
    """

    def __init__(self, path: str):
        self.path = path
        self.held = False
        self._file = None

    def acquire(self) -> None:
        """Wait until no other connection holds the lock, then hold it."""
        if self._file is None:
            self._file = open(self.path, "ab")  # kept open: the lock belongs to this open file
        fcntl.flock(self._file.fileno(), fcntl.LOCK_EX)
        self.held = True

    def release(self) -> None:
        """Let the next writer in (nothing if not held)."""
        if self.held:
            self.held = False
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)

    def close(self) -> None:
        """Release the lock and close the file."""
        if self._file is not None:
            self.held = False
            self._file.close()  # closing the file releases its lock
            self._file = None
