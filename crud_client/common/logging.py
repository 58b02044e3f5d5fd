"""Logging pieces: every record stamped with the current request id, and control characters escaped."""

import logging
import re

from common.request_context import request_id_var

# C0 and C1 controls, DEL, and the Unicode line and paragraph separators: each could start a forged log line
# (a path with %0A, a header, a username) or rewrite the terminal that shows the log.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """Return `text` with every control character written as a visible escape, such as `\\x0a`."""
    return _CONTROL.sub(_escaped, text)


class RequestIdFilter(logging.Filter):
    """Add `request_id` to each record ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class EscapingFormatter(logging.Formatter):
    """Format records as usual, with control characters in the message escaped, so one record is one line.

    Only the message is escaped: a traceback appended below it stays readable, and its lines cannot pose as records
    because each of them is indented or starts with "Traceback".
    """

    def formatMessage(self, record: logging.LogRecord) -> str:
        """Escape the message (values from requests included) before it goes into the line."""
        record.message = escape_controls(record.message)
        return super().formatMessage(record)
