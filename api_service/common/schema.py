"""Schema pieces every app shares: the `{"detail": ...}` error body, and answers from the HTTP server itself."""

from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    """Describe an error answered as `{"detail": "..."}` (401, 404, 409, 413, 415, 429, ...)."""

    detail = serializers.CharField()


URI_TOO_LONG = {
    "description": "The request line is longer than the server accepts (gunicorn's limit, 4 KB by default); "
    "answered by the HTTP server before the API sees the request."
}


def add_server_responses(result, generator, request, public):
    """Document, on every operation, the 414 that gunicorn gives a request line that is too long."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if isinstance(operation, dict) and "responses" in operation:
                operation["responses"].setdefault("414", URI_TOO_LONG)
    return result
