"""OpenAPI post-processing for answers that come from the HTTP server rather than from any one view."""

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
