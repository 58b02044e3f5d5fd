"""Schema pieces every app shares: the `{"detail": ...}` error body, the HTTP server's own answers, DELETE bodies."""

from drf_spectacular.openapi import AutoSchema
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


class DeleteWithBodySchema(AutoSchema):
    """Document the JSON body of a DELETE that takes one (drf-spectacular documents bodies for POST/PUT/PATCH only).

    The view names the body's serializer in `delete_request_serializer`; a confirmation such as a password is
    what such a DELETE carries.
    """

    def get_operation(self, *args, **kwargs):
        """Return the operation, with a required JSON request body on DELETE."""
        operation = super().get_operation(*args, **kwargs)
        serializer = getattr(self.view, "delete_request_serializer", None)
        if operation is not None and self.method == "DELETE" and serializer is not None:
            component = self.resolve_serializer(serializer, "request")
            operation["requestBody"] = {"content": {"application/json": {"schema": component.ref}}, "required": True}
        return operation
