"""The live suites' contract check: every call between the live client and the live API is checked against the
schema, and a call that breaks it is caught with its path and reason."""

import requests

from tests_live.browsing import Visitor


def test_the_clients_calls_to_the_api_pass_through_the_check(live_client, contract_proxy):
    before = contract_proxy.calls
    visitor = Visitor(live_client.url)
    visitor.register()
    visitor.get("/items/")
    assert contract_proxy.calls > before
    assert contract_proxy.take_violations() == []


def test_a_call_that_breaks_the_schema_is_caught_with_its_path_and_reason(live_client, contract_proxy):
    answer = requests.get(f"{contract_proxy.url}/api/v1/items/?min_prce=3", timeout=10)
    assert answer.status_code == 401  # passed on unchanged: the API's own answer
    found = [str(violation) for violation in contract_proxy.take_violations()]
    assert any("GET /api/v1/items/?min_prce=3: the request breaks" in violation for violation in found)
    assert any("'min_prce' is not one the operation declares" in violation for violation in found)
