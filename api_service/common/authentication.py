"""Token authentication: knox's hashed, expiring tokens, checked with one query per request."""

from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox import auth


class TokenAuthentication(auth.TokenAuthentication):
    """Knox's `Authorization: Token …` check, without its scan of all the user's other tokens.

    Knox 5.1 reads every token of the user on every request to delete the expired ones, which costs a query
    per request and grows with the number of logins; expired tokens are purged at login instead.
    """

    def _cleanup_token(self, auth_token) -> bool:
        """Refuse (and delete) this token if it has expired; leave the user's other tokens alone."""
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False


class TokenScheme(KnoxTokenScheme):
    """Describe our subclass in the OpenAPI schema exactly like knox's own token scheme."""

    target_class = TokenAuthentication
