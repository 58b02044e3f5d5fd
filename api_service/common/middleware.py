"""Request-level middleware: request ids, one log line and Server-Timing per request, input guards."""

import io
import logging
import re
import time
import uuid

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import JsonResponse

from common.request_context import request_id_var

logger = logging.getLogger("stockroom.request")

# A caller's id is echoed only if it is short and plain, so it cannot inject into logs or headers.
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class RequestIdMiddleware:
    """Take the caller's `X-Request-ID` when sane, else make one; return it on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _SANE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class ReleaseRequestMiddleware:
    """Once a DRF response is rendered, break the reference cycles DRF builds around each request.

    DRF's request holds itself and the view in `parser_context`, its response holds itself, the view and the
    request in `renderer_context`, and a viewset holds its own bound actions. A request's rows, serializers and
    rendered body were then freed only by Python's cyclic garbage collector, some requests later, and a worker
    carried about 4 MiB of finished requests (docs/performance.md, P8). Without the cycles they are freed as soon
    as the server has sent the answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        context = getattr(response, "renderer_context", None)
        # Only a rendered response is done with its context (every DRF response is rendered by now).
        if context and getattr(response, "is_rendered", False):
            drf_request, view = context.get("request"), context.get("view")
            if drf_request is not None and drf_request.parser_context:
                drf_request.parser_context.clear()
            # A view instance serves one request; a viewset's also holds its own bound actions (`self.get`, …).
            if view is not None:
                view.__dict__.clear()
            context.clear()
        return response


class RequestLogMiddleware:
    """Log one structured line per request and add a `Server-Timing` header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f"app;dur={duration_ms:.1f}"
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else "-"
        logger.info(
            "method=%s path=%s status=%s duration_ms=%.1f user_id=%s",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            user_id,
        )
        return response


class InputGuardMiddleware:
    """Refuse oversized bodies (413) and NUL characters in the query string (400) with JSON.

    The size limit is `DATA_UPLOAD_MAX_MEMORY_SIZE`, unless the view names a setting of its own in
    `max_body_setting` (the CSV import takes files larger than any JSON body), so it is checked once the URL has
    been resolved to a view, and still before anything reads the body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return JsonResponse({"detail": "Invalid Content-Length header."}, status=400)
        # PostgreSQL refuses NUL in string literals; without this guard a search would be a 500.
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return JsonResponse({name.replace("\x00", ""): ["Null characters are not allowed."]}, status=400)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Refuse a body over the view's limit; give a chunked body within it a length."""
        limit = body_limit(view_func)
        # DRF's parsers read the raw stream, which Django's own size check never sees.
        if limit is not None and int(request.META.get("CONTENT_LENGTH") or 0) > limit:
            return _too_large(limit)
        if not request.META.get("CONTENT_LENGTH") and _is_chunked(request):
            return _buffer_chunked_body(request, limit)
        return None


def body_limit(view_func) -> int | None:
    """Return the largest body `view_func` accepts: its own `max_body_setting`, else the global limit."""
    # DRF's views carry their class as `cls`, Django's class-based views as `view_class`.
    view_class = getattr(view_func, "cls", None) or getattr(view_func, "view_class", None)
    setting = getattr(view_class, "max_body_setting", None)
    return getattr(settings, setting) if setting else settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def _too_large(limit: int) -> JsonResponse:
    return JsonResponse({"detail": f"Request body too large: the limit is {limit} bytes."}, status=413)


def _is_chunked(request) -> bool:
    return "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()


def _buffer_chunked_body(request, limit: int | None) -> JsonResponse | None:
    """Read a chunked body up to the limit and hand it on with a length; refuse it when over or unreadable."""
    # Without a length Django reads a chunked body as empty. Reading to the end is only safe when the server
    # says the stream ends with the body (gunicorn does); elsewhere it could block on the open connection.
    if not request.META.get("wsgi.input_terminated"):
        return JsonResponse({"detail": "Send a Content-Length header with the request body."}, status=411)
    stream = request.META["wsgi.input"]
    chunks, size = [], 0
    while limit is None or size <= limit:
        chunk = stream.read(65536 if limit is None else min(65536, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if limit is not None and size > limit:
        return _too_large(limit)
    body = b"".join(chunks)
    request.META["CONTENT_LENGTH"] = str(len(body))
    # Django fixed the stream's length (0) when it built the request; give it the body we buffered.
    request._stream = LimitedStream(io.BytesIO(body), len(body))
    return None
