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
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
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
    return OpenAPI.from_file_path(str(schema_path()))


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


def unknown_query_parameters(openapi_request: RequestsOpenAPIRequest) -> list[str]:
    """Return the query parameters the operation does not declare: the API answers them 400 (strict query)."""
    schema = api_schema()
    try:
        url = urljoin(openapi_request.host_url, openapi_request.path)
        found = APICallPathFinder(schema.spec).find(openapi_request.method, url)
    except PathNotFound:
        return []
    declared = {
        parameter["name"]
        for source in (found.path, found.operation)
        for parameter in source.get("parameters", [])
        if parameter["in"] == "query"
    }
    sent = [name for name, _ in parse_qsl(urlsplit(openapi_request.request.url).query, keep_blank_values=True)]
    return sorted(set(sent) - declared)


def empty_query_parameters(request: requests.PreparedRequest) -> list[str]:
    """Return the query parameters sent with an empty value: the API answers them 400 (strict query)."""
    pairs = parse_qsl(urlsplit(request.url).query, keep_blank_values=True)
    return sorted({name for name, value in pairs if value == ""})


def request_violations(request: requests.PreparedRequest) -> list[Violation]:
    """Check what the client sent: path, method, parameters, headers, security and body."""
    call, openapi_request = describe(request), RequestsOpenAPIRequest(request)
    violations = []
    try:
        api_schema().validate_request(openapi_request)
    except Exception as error:  # openapi-core raises one class per kind of mismatch; each is a violation here
        violations.append(Violation(call, "request", reason_of(error)))
    for name in unknown_query_parameters(openapi_request):
        violations.append(Violation(call, "request", f"query parameter {name!r} is not one the operation declares"))
    for name in empty_query_parameters(request):
        violations.append(Violation(call, "request", f"query parameter {name!r} is sent empty"))
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
