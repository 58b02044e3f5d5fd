"""Which end user a request comes from: the forwarded address and browser only with the trusted client's key."""

import pytest
from django.conf import settings
from django.test import override_settings
from rest_framework.test import APIRequestFactory

from common.end_user import end_user_agent, end_user_ip

CALLER = "10.0.0.1"
TRUSTED = {"HTTP_X_CLIENT_KEY": "shared-key"}


def request(**headers):
    return APIRequestFactory().post("/", REMOTE_ADDR=CALLER, **headers)


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_last_forwarded_address_is_used_with_the_key():
    assert end_user_ip(request(**TRUSTED, HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.5")) == "203.0.113.5"


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_forwarded_address_is_ignored_with_a_wrong_key():
    assert end_user_ip(request(HTTP_X_CLIENT_KEY="shared-kez", HTTP_X_FORWARDED_FOR="203.0.113.5")) == CALLER


@override_settings(TRUSTED_CLIENT_KEY="")
def test_forwarded_address_is_ignored_when_no_key_is_configured():
    assert end_user_ip(request(HTTP_X_CLIENT_KEY="", HTTP_X_FORWARDED_FOR="203.0.113.5")) == CALLER


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
@pytest.mark.parametrize("forwarded", ["not-an-ip", "203.0.113.5\x00", "x" * 300])
def test_a_forwarded_value_that_is_not_an_address_falls_back_to_the_callers(forwarded):
    assert end_user_ip(request(**TRUSTED, HTTP_X_FORWARDED_FOR=forwarded)) == CALLER


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_forwarded_addresses_are_normalised_into_one_spelling():
    assert end_user_ip(request(**TRUSTED, HTTP_X_FORWARDED_FOR="2001:DB8:0::1")) == "2001:db8::1"


@override_settings(TRUSTED_CLIENT_KEY="shared-key", REST_FRAMEWORK={**settings.REST_FRAMEWORK, "NUM_PROXIES": 1})
def test_behind_a_proxy_the_clients_entry_left_of_the_proxys_is_the_end_user():
    assert end_user_ip(request(**TRUSTED, HTTP_X_FORWARDED_FOR="203.0.113.5, 10.0.0.9")) == "203.0.113.5"


@override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "NUM_PROXIES": 1})
def test_behind_a_proxy_a_caller_without_the_key_is_the_address_the_proxy_saw():
    assert end_user_ip(request(HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.8")) == "198.51.100.8"


@override_settings(TRUSTED_CLIENT_KEY="shared-key", REST_FRAMEWORK={**settings.REST_FRAMEWORK, "NUM_PROXIES": 1})
def test_behind_a_proxy_a_forwarded_list_too_short_to_hold_the_clients_entry_is_not_believed():
    assert end_user_ip(request(**TRUSTED, HTTP_X_FORWARDED_FOR="10.0.0.9")) == "10.0.0.9"


def test_a_caller_address_that_is_not_one_is_none():
    assert end_user_ip(APIRequestFactory().post("/", REMOTE_ADDR="unknown")) is None


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_forwarded_user_agent_is_used_with_the_key():
    sent = request(**TRUSTED, HTTP_X_FORWARDED_USER_AGENT="Firefox/140", HTTP_USER_AGENT="python-requests/2.34")
    assert end_user_agent(sent) == "Firefox/140"


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_forwarded_user_agent_is_ignored_without_the_key():
    sent = request(HTTP_X_FORWARDED_USER_AGENT="Firefox/140", HTTP_USER_AGENT="curl/8.14")
    assert end_user_agent(sent) == "curl/8.14"


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_the_trusted_clients_own_user_agent_is_never_taken_for_the_end_users():
    assert end_user_agent(request(**TRUSTED, HTTP_USER_AGENT="python-requests/2.34")) is None


def test_no_user_agent_at_all_is_none():
    assert end_user_agent(request()) is None


def test_a_huge_user_agent_is_cut_to_512_characters():
    assert end_user_agent(request(HTTP_USER_AGENT="A" * 5000)) == "A" * 512
