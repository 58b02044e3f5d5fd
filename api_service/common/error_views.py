"""Error pages for requests that fail before reaching a DRF view: JSON under /api/, Django's own elsewhere."""

from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt

from common.request_context import request_id_var


def _is_api(request) -> bool:
    # The admin and the browsable-API login are HTML pages; their errors stay HTML.
    return request.path.startswith("/api/")


# Exempt: an unknown URL answers 404 whatever the method, never a CSRF 403 page.
@csrf_exempt
def not_found(request, exception=None):
    """Answer an unknown URL with a JSON 404."""
    if not _is_api(request):
        return defaults.page_not_found(request, exception)
    return JsonResponse({"detail": "Not found."}, status=404)


def bad_request(request, exception=None):
    """Answer a request Django rejected (bad host, oversized form) with a JSON 400."""
    if not _is_api(request):
        return defaults.bad_request(request, exception)
    return JsonResponse({"detail": "Bad request."}, status=400)


def server_error(request):
    """Answer an unhandled error outside DRF with a JSON 500 carrying the request id."""
    if not _is_api(request):
        return defaults.server_error(request)
    return JsonResponse({"detail": "Internal server error.", "request_id": request_id_var.get()}, status=500)
