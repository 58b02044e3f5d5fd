"""The API's single exception handler: DRF's shapes for known errors, JSON for everything else."""

import logging

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from common.request_context import request_id_var

logger = logging.getLogger("stockroom.errors")


def api_exception_handler(exc, context):
    """Return DRF's response for API exceptions, a 4xx for hostile input and a JSON 500 otherwise."""
    if isinstance(exc, RecursionError):
        # Python's json module recurses once per nesting level; deep documents are bad input, not a crash.
        exc = ParseError("JSON parse error - nesting too deep.")
    elif isinstance(exc, RequestDataTooBig):
        return Response({"detail": str(exc)}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    elif isinstance(exc, (OperationalError, InterfaceError)):
        # The database restarting or unreachable: a clean, retryable answer rather than a crash.
        logger.warning("Database unavailable: %s", exc)
        return Response(
            {"detail": "The database is unavailable. Please retry shortly.", "request_id": request_id_var.get()},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": "5"},
        )

    response = exception_handler(exc, context)
    if response is not None:
        if isinstance(exc, PreconditionFailed) and exc.etag:
            response["ETag"] = exc.etag
        return response

    request_id = request_id_var.get()
    logger.exception("Unhandled error in %s", context.get("view").__class__.__name__)
    return Response(
        {"detail": "Internal server error.", "request_id": request_id},
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


class Conflict(APIException):
    """The request conflicts with the resource's current state (409)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


class PreconditionFailed(APIException):
    """A write named a version other than the current one (412); carries the current state (and its ETag, if one)."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"

    def __init__(self, *, detail: str, current: dict, etag: str | None = None):
        super().__init__()
        self.detail = {"detail": detail, "current": current}
        self.etag = etag
