"""JSON error pages for requests that fail before reaching a DRF view (unknown URLs, crashes)."""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from common.request_context import request_id_var


# Exempt: an unknown URL answers 404 whatever the method, never a CSRF 403 page.
@csrf_exempt
def not_found(request, exception=None):
    """Answer an unknown URL with a JSON 404."""
    return JsonResponse({"detail": "Not found."}, status=404)


def bad_request(request, exception=None):
    """Answer a request Django rejected (bad host, oversized form) with a JSON 400."""
    return JsonResponse({"detail": "Bad request."}, status=400)


def server_error(request):
    """Answer an unhandled error outside DRF with a JSON 500 carrying the request id."""
    return JsonResponse({"detail": "Internal server error.", "request_id": request_id_var.get()}, status=500)
