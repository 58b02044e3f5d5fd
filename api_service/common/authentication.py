"""Token authentication: knox's hashed, expiring tokens, checked with one query per request."""

import re

from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox import auth
from rest_framework.exceptions import AuthenticationFailed

# Knox tokens are printable ASCII. Knox itself decodes any header as UTF-8 and queries with it, so a stray
# byte would be a 500 (UnicodeDecodeError) and a NUL a 500 on PostgreSQL, which refuses NUL in text.
_PLAUSIBLE_TOKEN = re.compile(rb"[\x21-\x7e]{1,256}")


class TokenAuthentication(auth.TokenAuthentication):
    """Knox's `Authorization: Token …` check, without its scan of all the user's other tokens.

    Knox 5.1 reads every token of the user on every request to delete the expired ones, which costs a query
    per request and grows with the number of logins; expired tokens are purged at login instead.
    """

    def authenticate_credentials(self, token: bytes):
        """Refuse a token that cannot be one before it reaches the database."""
        if not _PLAUSIBLE_TOKEN.fullmatch(token):
            raise AuthenticationFailed("Invalid token.")
        return super().authenticate_credentials(token)

    def _cleanup_token(self, auth_token) -> bool:
        """Refuse (and delete) this token if it has expired; leave the user's other tokens alone."""
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False


class TokenScheme(KnoxTokenScheme):
    """Describe our subclass in the OpenAPI schema exactly like knox's own token scheme."""

    target_class = TokenAuthentication
