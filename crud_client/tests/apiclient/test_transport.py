"""The transport: error mapping, timeouts, retries only where safe, and the headers every call carries."""

import pytest
import requests
from django.test import override_settings

from apiclient import (
    ApiClient,
    ApiConflict,
    ApiError,
    ApiNotFound,
    ApiPreconditionFailed,
    ApiThrottled,
    ApiUnauthorized,
    ApiUnavailable,
    ApiValidationError,
)
from tests.api_payloads import detail, item, login, page, precondition_failed
from tests.conftest import api_url

ITEMS = api_url("items/")
# Answers no Stockroom API gives, which a proxy or a misconfigured server in front of it can.
PROXY = pytest.mark.outside_contract(reason="a proxy or web server in front of the API answers this, not the API")


@pytest.mark.parametrize(
    ("status", "body", "exception"),
    [
        (401, {"detail": "Invalid token."}, ApiUnauthorized),
        pytest.param(403, {"detail": "Forbidden."}, ApiError, marks=PROXY),
        (404, {"detail": "Not found."}, ApiNotFound),
        (409, {"detail": "Still has items."}, ApiConflict),
        (412, precondition_failed(item(id=1)), ApiPreconditionFailed),
        (429, {"detail": "Slow down."}, ApiThrottled),
        pytest.param(500, {"detail": "Internal server error."}, ApiUnavailable, marks=PROXY),
        pytest.param(502, None, ApiUnavailable, marks=PROXY),
    ],
)
def test_status_maps_to_its_exception(api, status, body, exception):
    # Each answer on an operation that gives it: only a category's deletion conflicts, only writes are preconditioned.
    method, path = {409: ("DELETE", "categories/1/"), 412: ("DELETE", "items/1/")}.get(status, ("GET", "items/1/"))
    api.add(method, api_url(path), status=status, json=body)
    with pytest.raises(exception) as caught:
        ApiClient(token="tok").call(method, path)
    assert caught.value.status == status


def test_validation_error_splits_field_and_non_field_errors(api):
    api.post(ITEMS, status=400, json={"name": ["Too long."], "non_field_errors": ["Bad combination."]})
    with pytest.raises(ApiValidationError) as caught:
        ApiClient(token="tok").items.create({"name": "x"})
    assert caught.value.field_errors == {"name": ["Too long."]}
    assert caught.value.non_field_errors == ["Bad combination."]


def test_a_400_with_only_detail_becomes_a_non_field_error(api):
    api.post(ITEMS, status=400, json={"detail": "JSON parse error."})
    with pytest.raises(ApiValidationError) as caught:
        ApiClient(token="tok").items.create({"name": "x"})
    assert caught.value.non_field_errors == ["JSON parse error."]


def test_412_carries_the_current_object(api):
    api.put(ITEMS + "1/", status=412, json=precondition_failed(item(id=1, version=3)))
    with pytest.raises(ApiPreconditionFailed) as caught:
        ApiClient(token="tok").items.update(1, {"name": "x"}, version=2)
    assert caught.value.current == item(id=1, version=3)


def test_429_carries_retry_after(api):
    api.get(ITEMS, status=429, json={"detail": "Throttled."}, headers={"Retry-After": "17"})
    with pytest.raises(ApiThrottled) as caught:
        ApiClient(token="tok").items.list()
    assert caught.value.retry_after == 17


@PROXY
def test_non_json_error_body_is_unavailable(api):
    api.get(ITEMS, status=502, body="<html>Bad gateway</html>")
    with pytest.raises(ApiUnavailable):
        ApiClient(token="tok").items.list()


@pytest.mark.parametrize("error", [requests.ConnectTimeout(), requests.ReadTimeout(), requests.ConnectionError()])
def test_network_failures_are_unavailable_and_leak_no_requests_type(api, error):
    api.get(ITEMS, body=error)
    with pytest.raises(ApiUnavailable) as caught:
        ApiClient(token="tok").items.list()
    assert not isinstance(caught.value, requests.RequestException)
    assert caught.value.__cause__ is None


@override_settings(API_CONNECT_TIMEOUT=1.5, API_READ_TIMEOUT=4.0)
def test_every_call_has_connect_and_read_timeouts(api):
    api.get(ITEMS, json=page([]))
    ApiClient(token="tok").items.list()
    assert api.calls[0].request.req_kwargs["timeout"] == (1.5, 4.0)


def test_get_is_retried_on_503_then_succeeds(api):
    api.get(ITEMS, status=503, json={"detail": "busy"})
    api.get(ITEMS, json=page([]))
    assert ApiClient(token="tok").items.list().count == 0
    assert len(api.calls) == 2


def test_get_is_retried_on_connection_errors(api):
    api.get(ITEMS, body=requests.ConnectionError())
    api.get(ITEMS, json=page([]))
    ApiClient(token="tok").items.list()
    assert len(api.calls) == 2


def test_get_gives_up_after_the_configured_retries(api, settings):
    settings.API_RETRIES = 2
    api.get(ITEMS, status=503, json=detail("The database is unavailable."))
    with pytest.raises(ApiUnavailable):
        ApiClient(token="tok").items.list()
    assert len(api.calls) == 3


def test_read_timeout_is_not_retried(api):
    api.get(ITEMS, body=requests.ReadTimeout())
    with pytest.raises(ApiUnavailable):
        ApiClient(token="tok").items.list()
    assert len(api.calls) == 1


@PROXY
def test_500_is_not_retried(api):
    api.get(ITEMS, status=500, json={})
    with pytest.raises(ApiUnavailable):
        ApiClient(token="tok").items.list()
    assert len(api.calls) == 1


@pytest.mark.parametrize("failure", [{"status": 503, "json": detail("busy")}, {"body": requests.ConnectionError()}])
def test_post_is_never_retried(api, failure):
    api.post(ITEMS, **failure)
    with pytest.raises(ApiUnavailable):
        ApiClient(token="tok").items.create({"name": "x"})
    assert len(api.calls) == 1


def test_put_is_retried_since_it_is_idempotent(api):
    api.put(ITEMS + "1/", status=503, json=detail("busy"))
    api.put(ITEMS + "1/", json=item(id=1))
    ApiClient(token="tok").items.update(1, {"name": "x"})
    assert len(api.calls) == 2


def test_headers_carry_token_request_id_and_end_user_address(api, settings):
    settings.API_CLIENT_KEY = "shared"
    api.get(ITEMS, json=page([]))
    ApiClient(token="tok", request_id="rid-1", end_user_ip="203.0.113.5").items.list()
    headers = api.calls[0].request.headers
    assert headers["Authorization"] == "Token tok"
    assert headers["X-Request-ID"] == "rid-1"
    assert headers["X-Forwarded-For"] == "203.0.113.5"
    assert headers["X-Client-Key"] == "shared"


def test_anonymous_calls_send_no_authorization_or_client_key(api):
    api.post(api_url("auth/login/"), json=login())
    ApiClient().auth.login(username="a", password="b")
    headers = api.calls[0].request.headers
    assert "Authorization" not in headers
    assert "X-Client-Key" not in headers


def test_each_thread_reuses_one_session():
    from concurrent.futures import ThreadPoolExecutor

    transport = ApiClient(token="tok").transport
    assert transport.session() is transport.session()
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(transport.session).result() is not transport.session()


def test_post_with_an_idempotency_key_is_retried(api):
    api.post(ITEMS, body=requests.ConnectionError())
    api.post(ITEMS, status=201, json=item(id=1))
    assert ApiClient(token="tok").items.create({"name": "x"}, idempotency_key="k-1") == item(id=1)
    assert [call.request.headers["Idempotency-Key"] for call in api.calls] == ["k-1", "k-1"]


@pytest.mark.parametrize("status", [pytest.param(502, marks=PROXY), 503, pytest.param(504, marks=PROXY)])
def test_get_retries_each_gateway_status_then_succeeds(api, status):
    api.get(ITEMS + "1/", status=status, json=detail("Unavailable."))
    api.get(ITEMS + "1/", json=item(id=1))
    assert ApiClient(token="tok").items.get(1) == item(id=1)
    assert len(api.calls) == 2


@pytest.mark.parametrize("failure", [{"status": 503, "json": detail("busy")}, {"body": requests.ConnectionError()}])
def test_patch_is_never_retried(api, failure):
    api.patch(ITEMS + "1/", **failure)
    with pytest.raises(ApiUnavailable):
        ApiClient(token="tok").call("PATCH", "items/1/", json={"name": "x"})
    assert len(api.calls) == 1


def test_post_connect_timeout_is_not_retried(api):
    api.post(ITEMS, body=requests.ConnectTimeout())
    with pytest.raises(ApiUnavailable):
        ApiClient(token="tok").items.create({"name": "x"})
    assert len(api.calls) == 1


def test_delete_is_retried_on_connection_errors(api):
    api.delete(ITEMS + "1/", body=requests.ConnectionError())
    api.delete(ITEMS + "1/", status=204)
    ApiClient(token="tok").items.delete(1)
    assert len(api.calls) == 2


def test_logout_is_a_post_and_is_not_retried(api):
    api.post(api_url("auth/logout/"), status=503, json=detail("busy"))
    with pytest.raises(ApiUnavailable):
        ApiClient(token="tok").auth.logout()
    assert len(api.calls) == 1


def test_retries_back_off_exponentially(api, settings, monkeypatch):
    settings.API_RETRY_BACKOFF = 0.25
    waits = []
    monkeypatch.setattr("apiclient.transport.time.sleep", waits.append)
    api.get(ITEMS, status=503, json=detail("busy"))
    with pytest.raises(ApiUnavailable):
        ApiClient(token="tok").items.list()
    assert waits == [0.25, 0.5]


@PROXY
def test_a_success_body_that_is_not_json_is_unavailable(api):
    api.get(ITEMS + "1/", status=200, body="<html>proxy login</html>")
    with pytest.raises(ApiUnavailable):
        ApiClient(token="tok").items.get(1)


@pytest.mark.parametrize("status", [pytest.param(405, marks=PROXY), 413, 415])
def test_other_client_errors_are_plain_api_errors_with_the_apis_detail(api, status):
    api.post(ITEMS, status=status, json={"detail": "Nope."})
    with pytest.raises(ApiError) as caught:
        ApiClient(token="tok").items.create({"name": "x"})
    assert type(caught.value) is ApiError
    assert (caught.value.status, caught.value.detail) == (status, "Nope.")


def test_409_carries_the_apis_message(api):
    api.delete(api_url("categories/2/"), status=409, json={"detail": "This category still has 3 items."})
    with pytest.raises(ApiConflict) as caught:
        ApiClient(token="tok").categories.delete(2)
    assert caught.value.detail == "This category still has 3 items."


def test_field_errors_are_always_lists_of_strings(api):
    api.post(ITEMS, status=400, json={"price": "Not a number.", "quantity": ["Too small.", "Too big."]})
    with pytest.raises(ApiValidationError) as caught:
        ApiClient(token="tok").items.create({"name": "x"})
    assert caught.value.field_errors == {"price": ["Not a number."], "quantity": ["Too small.", "Too big."]}
    assert caught.value.non_field_errors == []


def test_adapter_pools_per_settings_and_leaves_retries_to_the_transport(settings):
    from concurrent.futures import ThreadPoolExecutor

    settings.API_POOL_SIZE = 7

    def adapter():
        return ApiClient(token="tok").transport.session().get_adapter(settings.API_BASE_URL)

    # A fresh thread builds a fresh session from the current settings.
    with ThreadPoolExecutor(1) as pool:
        built = pool.submit(adapter).result()
    assert built._pool_maxsize == 7
    assert built.max_retries.total == 0


@PROXY
def test_redirects_are_not_followed_and_mean_a_misconfigured_api(api):
    api.post(ITEMS, status=301, headers={"Location": "https://elsewhere.example/api/v1/items/"})
    with pytest.raises(ApiUnavailable):
        ApiClient(token="tok").items.create({"name": "x"})
    assert len(api.calls) == 1
