"""Devices named in words from their User-Agent, for "Where you're signed in"."""

import pytest

from accounts.devices import describe_device
from tests.accounts.test_account_pages import CHROME_LINUX, SAFARI_IPHONE


@pytest.mark.parametrize(
    ("user_agent", "words"),
    [
        (CHROME_LINUX, "Chrome on Linux"),
        (SAFARI_IPHONE, "Mobile Safari on iOS"),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0", "Firefox on Windows"),
        ("curl/8.5.0", "curl"),
        ("python-requests/2.34.2", "Python Requests"),
    ],
)
def test_a_known_browser_is_named_with_its_system(user_agent, words):
    assert describe_device(user_agent) == words


@pytest.mark.parametrize("user_agent", [None, "", "garbage \x00 agent"])
def test_a_missing_or_unreadable_user_agent_is_an_unknown_device(user_agent):
    assert describe_device(user_agent) == "Unknown device"
