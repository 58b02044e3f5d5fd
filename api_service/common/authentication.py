"""Token authentication: knox's hashed, expiring tokens, checked with one query per request."""

import re
from datetime import timedelta
from hmac import compare_digest

from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox import auth
from knox.crypto import hash_token
from knox.models import AuthToken
from knox.settings import CONSTANTS, knox_settings
from rest_framework.exceptions import AuthenticationFailed

# Knox tokens are printable ASCII. Knox itself decodes any header as UTF-8 and queries with it, so a stray
# byte would be a 500 (UnicodeDecodeError) and a NUL a 500 on PostgreSQL, which refuses NUL in text.
_PLAUSIBLE_TOKEN = re.compile(rb"[\x21-\x7e]{1,256}")
INVALID_TOKEN = "Invalid token."
# A session's "last used" is this precise: most authenticated requests then write nothing.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenAuthentication(auth.TokenAuthentication):
    """Knox's `Authorization: Token …` check in one query, with the token's session (accounts.TokenSession).

    Knox 5.1 reads every token of the user on every request to delete the expired ones, which costs a query
    per request and grows with the number of logins; expired tokens are purged at login instead.
    """

    def authenticate_credentials(self, token: bytes):
        """Return the user and token whose digest matches; refuse an impossible, unknown or expired one."""
        if not _PLAUSIBLE_TOKEN.fullmatch(token):
            raise AuthenticationFailed(INVALID_TOKEN)
        token = token.decode()
        digest = hash_token(token)
        candidates = AuthToken.objects.filter(token_key=token[: CONSTANTS.TOKEN_KEY_LENGTH])
        for auth_token in candidates.select_related("user", "session"):
            # Knox's own comparison: constant time, so the digest cannot be guessed byte by byte.
            if not compare_digest(digest, auth_token.digest):
                continue
            if self._cleanup_token(auth_token):
                break
            if knox_settings.AUTO_REFRESH and auth_token.expiry:
                self.renew_token(auth_token)
            note_use(auth_token.session)
            return self.validate_user(auth_token)
        raise AuthenticationFailed(INVALID_TOKEN)

    def _cleanup_token(self, auth_token) -> bool:
        """Refuse (and delete) this token if it has expired; leave the user's other tokens alone."""
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False


def note_use(session) -> None:
    """Record that a session was used now, unless that was already recorded within the last minute."""
    now = timezone.now()
    if now - session.last_used < LAST_USED_RESOLUTION:
        return
    # Conditional, so concurrent requests of one session write the minute once between them.
    stale = type(session).objects.filter(pk=session.pk, last_used__lte=now - LAST_USED_RESOLUTION)
    stale.update(last_used=now)
    session.last_used = now


TOKEN_SCHEME_DESCRIPTION = (
    "Log in with `POST /api/v1/auth/login/` and send the `token` it answers in every request's header: "
    "`Authorization: Token <token>`. In Swagger UI's Authorize dialog, type the word `Token`, a space, then the token."
)


class TokenScheme(KnoxTokenScheme):
    """Describe our subclass in the OpenAPI schema like knox's own token scheme, saying how to use it."""

    target_class = TokenAuthentication

    def get_security_definition(self, auto_schema):
        """Return knox's definition with a description an API consumer can act on."""
        return {**super().get_security_definition(auto_schema), "description": TOKEN_SCHEME_DESCRIPTION}
