"""Schema pieces every app shares: operation ids and summaries, the `{"detail": ...}` error body, the HTTP server's
own answers, DELETE bodies."""

from django.core.validators import RegexValidator
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    """Describe an error answered as `{"detail": "..."}` (401, 404, 409, 413, 415, 429, ...)."""

    detail = serializers.CharField()


_RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before retrying."}}
# Answers any operation can give, whatever its view declares: its throttle's, and the database being unreachable
# (common.exceptions answers 503 with Retry-After rather than failing).
_THROTTLED = "Too many requests; retry after `Retry-After` seconds."
_UNAVAILABLE = "The database is unavailable (restarting or unreachable); retry after `Retry-After` seconds."

# DRF's CharField refuses NUL characters everywhere, and trims whitespace before refusing a blank value.
NO_NUL = r"^[^\x00]*$"
# For a field that allows blanks, drf-spectacular adds the blank value as a second, exclusive choice (`oneOf`).
NOT_EMPTY_NO_NUL = r"^[^\x00]+$"
NOT_BLANK = r"^[^\x00]*[^\x00\s][^\x00]*$"
# Django's NumericPasswordValidator refuses a password made only of digits.
NOT_ONLY_DIGITS = r"^[^\x00]*[^\x00\d][^\x00]*$"

# The actions whose name says what they do to a resource; any other operation is named by its path alone.
RESOURCE_ACTIONS = {
    "list": "List {plural}",
    "create": "Create {a} {singular}",
    "retrieve": "Read {a} {singular}",
    "update": "Replace {a} {singular}",
    "partial_update": "Update {a} {singular}",
    "destroy": "Delete {a} {singular}",
}


class StockroomAutoSchema(AutoSchema):
    """Name every operation by one rule, for the docs and for generated clients, and give each a summary.

    The id is the path's words after `/api/v1/` (path parameters left out), then the action on the resource:
    `items_list`, `items_create`, `items_retrieve`, `items_partial_update`, `items_destroy`, `auth_me_retrieve`.
    Where the path itself names the action (a POST such as `auth/login/`, or a viewset's extra route such as
    `items/bulk/`), the path's words alone: `auth_login`, `items_bulk`, `items_imports_commit`, `items_export`.
    """

    def _action(self) -> str | None:
        """Return the resource action this operation is (`list`, `create`, ...), or None when the path names it."""
        view_action = getattr(self.view, "action", None)
        if view_action is not None:
            return view_action if view_action in RESOURCE_ACTIONS else None
        if self.method == "POST":
            return None
        return "list" if self.method == "GET" and self._is_list_view() else self.method_mapping[self.method.lower()]

    def get_operation(self, *args, **kwargs):
        """Return the operation, with the 429 of a throttled view and the 503 every view can answer."""
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        detail = {"application/json": {"schema": self.resolve_serializer(ErrorDetailSerializer, "response").ref}}
        responses = operation["responses"]
        if self.view.throttle_classes:
            responses.setdefault("429", {"description": _THROTTLED, "content": detail, "headers": _RETRY_AFTER})
        responses.setdefault("503", {"description": _UNAVAILABLE, "content": detail, "headers": _RETRY_AFTER})
        return operation

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """Map a field, documenting what every DRF CharField refuses in a request: NUL characters, and (unless it
        allows blanks) a value that is only whitespace, which it trims to blank."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        plain_string = schema.get("type") == "string" and not {"pattern", "format", "enum"} & set(schema)
        described = any(isinstance(validator, RegexValidator) for validator in field.validators)
        if direction == "request" and plain_string and not described and isinstance(field, serializers.CharField):
            if hasattr(field, "new_password_min_length"):
                schema["minLength"], schema["pattern"] = field.new_password_min_length, NOT_ONLY_DIGITS
            elif field.allow_blank:
                schema["pattern"] = NOT_EMPTY_NO_NUL
            elif not field.trim_whitespace:
                schema["pattern"] = NO_NUL
            else:
                schema["pattern"] = NOT_BLANK
        return schema

    def get_operation_id(self) -> str:
        """Return `<path words>_<action>`, or the path words alone when the path names the action."""
        words = [word.replace("-", "_") for word in self._tokenize_path()] or ["root"]
        action = self._action()
        return "_".join([*words, action] if action else words)

    def get_summary(self) -> str | None:
        """Say what a resource action does ("List items", "Delete an item"); other operations name their own."""
        action, words = self._action(), self._tokenize_path()
        if action is None or not words:
            return None
        plural = words[-1].replace("-", " ")
        singular = plural[:-3] + "y" if plural.endswith("ies") else plural.removesuffix("s")
        article = "an" if singular[:1] in "aeiou" else "a"
        return RESOURCE_ACTIONS[action].format(plural=plural, singular=singular, a=article)


class SessionCookieScheme(SessionScheme):
    """Describe the session cookie as what it is, the browsable API's login, and list it after the token.

    Swagger UI's Authorize dialog lists schemes in the schema's order, which is by name: drf-spectacular's
    `cookieAuth` came before `knoxApiToken`, offering API consumers the scheme they cannot use first.
    """

    name = "sessionCookie"
    priority = 0  # above drf-spectacular's own SessionScheme (-1), which this replaces

    def get_security_definition(self, auto_schema):
        """Return the cookie scheme with a description."""
        return {
            **super().get_security_definition(auto_schema),
            "description": "The browsable API's login session (`/api-auth/login/`), for trying the API in a "
            "browser; unsafe methods also need its CSRF token. Programs use the token instead.",
        }


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


class DeleteWithBodySchema(StockroomAutoSchema):
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
