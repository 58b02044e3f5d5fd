"""The API contract in the client's tests: every request the client sends to the mocked API, and every answer a
test mocks, is checked against the API's OpenAPI schema with openapi-core.

The schema is the one `make test` generates from the API's code (its path in STOCKROOM_OPENAPI_SCHEMA), or the
committed api_service/openapi.yaml when the variable is unset. A mock the schema does not allow fails the test,
naming the call and the reason; a test that goes outside the contract on purpose (a proxy's 502, a body that is
not JSON) says so with `@pytest.mark.outside_contract(reason=...)`.
"""

import functools
import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

import requests
from openapi_core import Config, OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_core.deserializing.media_types.util import plain_loads
from openapi_core.templating.paths.exceptions import PathNotFound
from openapi_core.templating.paths.finders import APICallPathFinder

SCHEMA_VARIABLE = "STOCKROOM_OPENAPI_SCHEMA"
COMMITTED_SCHEMA = Path(__file__).resolve().parents[3] / "api_service" / "openapi.yaml"
HOW_TO_FIX = (
    "Make the mock match what the API really sends (tests/api_payloads.py builds valid bodies), or, when the API "
    "changed, regenerate the schema with `make schema`. A test that leaves the contract on purpose is marked "
    "@pytest.mark.outside_contract(reason=...)."
)


def schema_path() -> Path:
    """Return the schema to check against: STOCKROOM_OPENAPI_SCHEMA, else the committed one."""
    return Path(os.environ.get(SCHEMA_VARIABLE) or COMMITTED_SCHEMA)


@functools.cache
def api_schema() -> OpenAPI:
    """Load the schema once per test run."""
    # CSV (the export's answer, the import's upload) is text to check against a string schema, as text/plain is.
    config = Config(extra_media_type_deserializers={"text/csv": plain_loads})
    return OpenAPI.from_file_path(str(schema_path()), config=config)


@dataclass(frozen=True)
class Violation:
    """One call that departs from the contract: which call, which side (request or response), and why."""

    call: str
    side: str
    reason: str

    def __str__(self):
        return f"{self.call}: the {self.side} breaks the API's schema: {self.reason}"


def describe(request: requests.PreparedRequest) -> str:
    """Name a call as `METHOD /path?query`."""
    parts = urlsplit(request.url)
    return f"{request.method} {parts.path}" + (f"?{parts.query}" if parts.query else "")


def reason_of(error: Exception) -> str:
    """Spell out an openapi-core error with the schema errors behind it (where in the body, and what)."""
    reasons = [str(error).split(": (<ValidationError", 1)[0][:300]]
    cause = error.__cause__ or error.__context__
    while cause is not None:
        details = getattr(cause, "schema_errors", None)
        if details:
            at = "/".join
            reasons.extend(f"at {at(map(str, e.absolute_path)) or '(top)'}: {e.message[:300]}" for e in details)
            break
        text = str(cause).split(": (<ValidationError", 1)[0][:300]
        if text not in reasons:
            reasons.append(text)
        cause = cause.__cause__ or cause.__context__
    return "; ".join(reasons)


def declared_query_parameters(openapi_request: RequestsOpenAPIRequest) -> dict | None:
    """Return the operation's query parameters by name (None when the schema has no such operation)."""
    url = urljoin(openapi_request.host_url, openapi_request.path)
    try:
        found = APICallPathFinder(api_schema().spec).find(openapi_request.method, url)
    except PathNotFound:
        return None
    sources = (found.path, found.operation)
    return {p["name"]: p for source in sources for p in source.get("parameters", []) if p["in"] == "query"}


def strict_query_violations(request: requests.PreparedRequest, openapi_request) -> list[str]:
    """Return what the API's strict query refuses with 400: parameters the operation does not declare, and empty
    values for those that do not allow them (openapi-core checks neither)."""
    declared = declared_query_parameters(openapi_request)
    if declared is None:
        return []  # openapi-core already reports the unknown path
    pairs = parse_qsl(urlsplit(request.url).query, keep_blank_values=True)
    unknown = sorted({name for name, _ in pairs} - set(declared))
    empty = sorted(
        {
            name
            for name, value in pairs
            if value == "" and name in declared and not declared[name].get("allowEmptyValue")
        }
    )
    return [f"query parameter {name!r} is not one the operation declares" for name in unknown] + [
        f"query parameter {name!r} is sent empty" for name in empty
    ]


def request_violations(request: requests.PreparedRequest) -> list[Violation]:
    """Check what the client sent: path, method, parameters, headers, security and body."""
    call, openapi_request = describe(request), RequestsOpenAPIRequest(request)
    violations = []
    try:
        api_schema().validate_request(openapi_request)
    except Exception as error:  # openapi-core raises one class per kind of mismatch; each is a violation here
        violations.append(Violation(call, "request", reason_of(error)))
    violations.extend(
        Violation(call, "request", reason) for reason in strict_query_violations(request, openapi_request)
    )
    return violations


def response_violations(request: requests.PreparedRequest, response: requests.Response) -> list[Violation]:
    """Check a mocked answer against what the schema says this operation answers: status, headers, body."""
    try:
        api_schema().validate_response(RequestsOpenAPIRequest(request), RequestsOpenAPIResponse(response))
    except Exception as error:  # as above: any openapi-core error is the reason
        return [Violation(describe(request), f"{response.status_code} response", reason_of(error))]
    if response.content and "json" in response.headers.get("Content-Type", ""):
        try:
            json.loads(response.content)
        except ValueError:
            return [Violation(describe(request), f"{response.status_code} response", "its body is not JSON")]
    return []


def call_violations(calls, *, check_responses: bool = True) -> list[Violation]:
    """Check every recorded call of a `responses` mock: each request, and each answer that is a response."""
    violations = []
    for call in calls:
        violations.extend(request_violations(call.request))
        if check_responses and isinstance(call.response, requests.Response):
            violations.extend(response_violations(call.request, call.response))
    return violations


def report(violations: list[Violation]) -> str:
    """Return the failure message for a test whose calls broke the contract."""
    lines = [f"{len(violations)} call(s) break the API's schema ({schema_path()}):"]
    lines.extend(f"  - {violation}" for violation in violations)
    lines.append(HOW_TO_FIX)
    return "\n".join(lines)
