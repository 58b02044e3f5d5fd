"""Logging filter that stamps every record with the current request id."""

import logging

from common.request_context import request_id_var


class RequestIdFilter(logging.Filter):
    """Add `request_id` to each record ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True
