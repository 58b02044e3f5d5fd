"""The end user's address: the peer's, or behind CLIENT_NUM_PROXIES proxies the entry the outermost one added."""

import pytest
from django.test import RequestFactory, override_settings

from common.client_address import client_address
from tests.conftest import api_url

PROXY = "127.0.0.1"


def request(forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=PROXY, **headers)


@override_settings(CLIENT_NUM_PROXIES=0)
def test_without_proxies_the_peer_is_the_end_user_whatever_x_forwarded_for_claims():
    assert client_address(request("203.0.113.9")) == PROXY


@override_settings(CLIENT_NUM_PROXIES=1)
def test_behind_one_proxy_the_last_entry_is_the_end_user():
    assert client_address(request("198.51.100.66")) == "198.51.100.66"


@override_settings(CLIENT_NUM_PROXIES=1)
def test_behind_one_proxy_entries_the_browser_sent_itself_are_not_believed():
    assert client_address(request("203.0.113.9, 198.51.100.66")) == "198.51.100.66"


@override_settings(CLIENT_NUM_PROXIES=2)
def test_behind_two_proxies_the_second_entry_from_the_right_is_the_end_user():
    assert client_address(request("203.0.113.9, 198.51.100.66, 10.0.0.2")) == "198.51.100.66"


@override_settings(CLIENT_NUM_PROXIES=2)
def test_fewer_entries_than_proxies_fall_back_to_the_peer():
    assert client_address(request("198.51.100.66")) == PROXY


@override_settings(CLIENT_NUM_PROXIES=1)
def test_no_x_forwarded_for_behind_a_proxy_falls_back_to_the_peer():
    assert client_address(request()) == PROXY


@override_settings(CLIENT_NUM_PROXIES=1)
@pytest.mark.parametrize("forwarded", ["unknown", "198.51.100.66\x00", ""])
def test_an_entry_that_is_not_an_address_falls_back_to_the_peer(forwarded):
    assert client_address(request(forwarded)) == PROXY


@override_settings(CLIENT_NUM_PROXIES=1)
def test_addresses_are_normalised_into_one_spelling():
    assert client_address(request("2001:DB8:0::1")) == "2001:db8::1"


@pytest.mark.urls("tests.common.urls")
@override_settings(CLIENT_NUM_PROXIES=1)
def test_the_api_is_sent_the_address_the_proxy_reported(logged_in_client, api):
    api.get(api_url("auth/me/"), json={"id": 1, "username": "alice", "email": "alice@example.com"})
    logged_in_client.get("/probe/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.66")
    assert api.calls[0].request.headers["X-Forwarded-For"] == "198.51.100.66"
