"""The browser's address, as this app's own proxies (CLIENT_NUM_PROXIES, e.g. nginx) report it."""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """Return the end user's address: REMOTE_ADDR, or behind N proxies of our own the Nth X-Forwarded-For entry
    from the right (the one our outermost proxy added; anything left of it is the browser's to forge)."""
    proxies = settings.CLIENT_NUM_PROXIES
    if proxies > 0:
        entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        # Fewer entries than proxies means a proxy did not add its own: the direct peer is all we can vouch for.
        if len(entries) >= proxies:
            address = _normalised(entries[-proxies])
            if address:
                return address
    return request.META.get("REMOTE_ADDR")


def _normalised(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None
