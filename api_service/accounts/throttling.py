"""Throttles of the open account endpoints: requests per end-user address, and per username or email address."""

import hashlib

from rest_framework.throttling import SimpleRateThrottle

from accounts.usernames import canonical_username
from common.end_user import end_user_ip
from common.throttling import FailOpenMixin, FixedWindowMixin


def hashed(value: str) -> str:
    """Return a short, plain cache-key part for arbitrary user input (a username, an email address)."""
    return hashlib.sha256(value.encode()).hexdigest()


class AccountIpThrottle(FailOpenMixin, FixedWindowMixin, SimpleRateThrottle):
    """Limit requests per end-user address to registration and the password reset endpoints."""

    scope = "auth_ip"

    def get_cache_key(self, request, view):
        """Key the bucket on the end user's address."""
        return self.cache_format % {"scope": self.scope, "ident": end_user_ip(request)}


class BodyFieldThrottle(FailOpenMixin, FixedWindowMixin, SimpleRateThrottle):
    """Limit requests per value of one field of the JSON body, whatever address they come from."""

    field = ""

    def get_cache_key(self, request, view):
        """Key the bucket on the field's value, in the form that compares equal; nothing to count without one."""
        value = request.data.get(self.field) if hasattr(request.data, "get") else None
        # The serializers' CharFields accept numbers too (`123` registers "123"): count them the same way.
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return None
        value = str(value).strip()
        if not value:
            return None
        return self.cache_format % {"scope": self.scope, "ident": hashed(self.comparable(value))}

    def comparable(self, value: str) -> str:
        """Return the value as the endpoint compares it."""
        return value


class RegisterUsernameThrottle(BodyFieldThrottle):
    """Limit registrations per username (compared canonically), so probing one name from many addresses is slow."""

    scope = "register_username"
    field = "username"

    def comparable(self, value: str) -> str:
        """Compare usernames as registration does."""
        return canonical_username(value)


class PasswordResetEmailThrottle(BodyFieldThrottle):
    """Limit reset requests per email address, so nobody can fill someone's inbox with reset mails."""

    scope = "password_reset_email"
    field = "email"

    def comparable(self, value: str) -> str:
        """Compare addresses without case, as the reset's own lookup does."""
        return value.casefold()
