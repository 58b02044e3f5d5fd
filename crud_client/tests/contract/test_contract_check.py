"""The contract check itself: a mock or a request the API's schema does not allow fails the test that made it."""

import os
import subprocess
import sys
from pathlib import Path

import requests
import responses

from tests.api_payloads import item, page
from tests.conftest import TOKEN, api_url
from tests.contract.check import COMMITTED_SCHEMA, SCHEMA_VARIABLE, call_violations, schema_path

CLIENT = Path(__file__).resolve().parents[2]
HEADERS = {"Authorization": f"Token {TOKEN}"}


def violations_of(method, path, *, answer=None, status=200, headers=HEADERS, **sent):
    """Send one request to a mock answering `answer`; return what the contract check says about the call."""
    with responses.RequestsMock() as mock:
        mock.add(method, api_url(path.split("?")[0]), json=answer, status=status)
        requests.request(method, api_url(path), headers=headers, timeout=1, **sent)
        return [str(violation) for violation in call_violations(mock.calls)]


def test_a_mocked_body_missing_required_fields_is_named_with_the_path_and_the_field():
    found = violations_of("GET", "items/5/", answer={"id": 5, "name": "Hammer"})
    assert len(found) == 1
    assert found[0].startswith("GET /api/v1/items/5/: the 200 response breaks the API's schema")
    assert "'version' is a required property" in found[0]


def test_a_status_the_operation_never_answers_is_a_violation():
    [found] = violations_of("GET", "items/5/", answer={"detail": "Conflict."}, status=409)
    assert "409" in found


def test_a_valid_call_and_answer_pass():
    assert violations_of("GET", "items/?page=2&page_size=20", answer=page([item()])) == []


def test_a_request_without_the_token_an_operation_needs_is_a_violation():
    [found] = violations_of("GET", "items/5/", answer=item(), headers={})
    assert "the request breaks the API's schema" in found and "Security" in found


def test_a_request_body_the_api_refuses_is_a_violation():
    found = violations_of("POST", "items/", answer=item(), status=201, json={"quantity": -1})
    assert any("'name' is a required property" in violation for violation in found)


def test_unknown_and_empty_query_parameters_are_violations():
    found = violations_of("GET", "items/?min_prce=3&max_price=", answer=page([]))
    assert any("'min_prce' is not one the operation declares" in violation for violation in found)
    assert any("'max_price' is sent empty" in violation for violation in found)


def test_the_schema_is_the_generated_one_when_make_test_names_it(monkeypatch, tmp_path):
    monkeypatch.setenv(SCHEMA_VARIABLE, str(tmp_path / "openapi.yaml"))
    assert schema_path() == tmp_path / "openapi.yaml"
    monkeypatch.delenv(SCHEMA_VARIABLE)
    assert schema_path() == COMMITTED_SCHEMA


def test_a_test_with_a_wrong_mock_fails_and_says_why(tmp_path):
    # A real pytest run of a test that mocks the API wrongly, through this suite's own fixtures.
    (tmp_path / "conftest.py").write_text("from tests.conftest import *  # noqa: F403\n")
    (tmp_path / "test_wrong_mock.py").write_text(
        "from apiclient import ApiClient\n"
        "from tests.conftest import api_url\n\n"
        "def test_reads_an_item(api):\n"
        "    api.get(api_url('items/5/'), json={'id': 5})\n"
        "    ApiClient(token='t').items.get(5)\n"
    )
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-c", str(CLIENT / "pytest.ini"), str(tmp_path)],
        cwd=CLIENT,
        env={**os.environ, "PYTHONPATH": str(CLIENT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stdout
    assert "GET /api/v1/items/5/: the 200 response breaks the API's schema" in run.stdout
    assert "'name' is a required property" in run.stdout
    assert "make schema" in run.stdout


def test_an_empty_cursor_is_allowed_since_it_asks_for_the_first_keyset_page():
    assert violations_of("GET", "items/?cursor=", answer={"next": None, "previous": None, "results": []}) == []
