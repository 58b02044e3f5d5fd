"""Which address the throttles count: the forwarded one only with the trusted client's key."""

import pytest
from django.test import override_settings
from rest_framework.test import APIRequestFactory

from common.throttling import client_ip

DEFAULT = "10.0.0.1"


def ident(**headers):
    return client_ip(APIRequestFactory().post("/", **headers), DEFAULT)


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_last_forwarded_address_is_used_with_the_key():
    assert ident(HTTP_X_CLIENT_KEY="shared-key", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.5") == "203.0.113.5"


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_forwarded_address_is_ignored_with_a_wrong_key():
    assert ident(HTTP_X_CLIENT_KEY="shared-kez", HTTP_X_FORWARDED_FOR="203.0.113.5") == DEFAULT


@override_settings(TRUSTED_CLIENT_KEY="")
def test_forwarded_address_is_ignored_when_no_key_is_configured():
    assert ident(HTTP_X_CLIENT_KEY="", HTTP_X_FORWARDED_FOR="203.0.113.5") == DEFAULT


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
@pytest.mark.parametrize("forwarded", ["not-an-ip", "203.0.113.5\x00", "x" * 300])
def test_a_forwarded_value_that_is_not_an_address_falls_back_to_the_default(forwarded):
    assert ident(HTTP_X_CLIENT_KEY="shared-key", HTTP_X_FORWARDED_FOR=forwarded) == DEFAULT


@override_settings(TRUSTED_CLIENT_KEY="shared-key")
def test_forwarded_addresses_are_normalised_into_one_bucket():
    assert ident(HTTP_X_CLIENT_KEY="shared-key", HTTP_X_FORWARDED_FOR="2001:DB8:0::1") == "2001:db8::1"
