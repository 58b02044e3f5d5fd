"""Which end user is calling: their address and browser, as the trusted web client forwards them, else the caller's own.

Behind the web client every end user reaches the API from the client's address. The client forwards the user's
address (`X-Forwarded-For`) and browser (`X-Forwarded-User-Agent`); anyone can send those headers, so they are
believed only with the shared key (`X-Client-Key`) that only the web client knows. When the API itself sits behind
API_NUM_PROXIES proxies (nginx), each appends the address it saw, so the client's entry sits that many further left.
"""

import hmac
import ipaddress

from django.conf import settings
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

# Longer user agents are cut: the whole header is the caller's to choose, and only a person reads it back.
USER_AGENT_MAX_LENGTH = 512


def from_trusted_client(request) -> bool:
    """Tell whether the request carries the web client's shared key."""
    key = settings.TRUSTED_CLIENT_KEY
    sent = request.headers.get("X-Client-Key", "")
    return bool(key) and hmac.compare_digest(sent.encode(), key.encode())


def end_user_ip(request) -> str | None:
    """Return the end user's address: forwarded by the trusted web client, else the caller's (after proxies)."""
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded and from_trusted_client(request):
        entries = forwarded.split(",")
        position = (api_settings.NUM_PROXIES or 0) + 1
        address = _normalised(entries[-position]) if len(entries) >= position else None
        if address:
            return address
    # DRF's own reading of REMOTE_ADDR and X-Forwarded-For, trusting API_NUM_PROXIES proxies and no more.
    return _normalised(BaseThrottle().get_ident(request))


def _normalised(value: str) -> str | None:
    # One spelling per address ("::1", not "0::1"), so nobody gets fresh throttle buckets by respelling theirs;
    # None for anything that is not an address, which would otherwise reach the database's inet column.
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def end_user_agent(request) -> str | None:
    """Return the end user's browser `User-Agent`: forwarded by the trusted web client, else the caller's own."""
    # From the trusted client, its own User-Agent names the client, not the person: no forwarded one means unknown.
    header = "X-Forwarded-User-Agent" if from_trusted_client(request) else "User-Agent"
    agent = request.headers.get(header)
    return agent[:USER_AGENT_MAX_LENGTH] if agent else None
