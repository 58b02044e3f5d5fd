"""Send the accounts' mail off the request thread: no answer waits on the mail server, so none is timed by it."""

from concurrent.futures import ThreadPoolExecutor

# One sender per process, in order; its thread starts with the first mail (after gunicorn forks its workers), and
# Python waits for it at exit, so a graceful restart still sends what was handed off.
_sender = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mail")


def send_later(send, *args, **kwargs) -> None:
    """Call `send(*args, **kwargs)` on the mail thread; it must log its own failures (nobody waits for it)."""
    _sender.submit(send, *args, **kwargs)


def wait_until_sent(timeout: float = 10.0) -> None:
    """Wait until every mail handed off so far has been sent or has failed."""
    _sender.submit(lambda: None).result(timeout=timeout)
