"""Keep the user's API token in the server-side session, encrypted, so a copy of the session store alone opens nothing.

The token is sealed with Fernet (AES-128-CBC with an HMAC-SHA256 tag) under a key derived with HKDF from the
client's SECRET_KEY (`CLIENT_SECRET_KEY`): whoever holds a copy of the client's database or Redis but not that
key holds no working token. Keys in SECRET_KEY_FALLBACKS still open tokens sealed before a key rotation. The
token's expiry, which the API sent at login, is kept beside it so that a 401 can tell "expired" from "ended
elsewhere".
"""

import base64
import functools
from datetime import datetime

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

SESSION_TOKEN_KEY = "api_token"
SESSION_EXPIRY_KEY = "api_token_expiry"


def save_token(session, token: str, expiry: str | None = None) -> None:
    """Store the token sealed, and its expiry (the API's ISO 8601 string) as it is."""
    session[SESSION_TOKEN_KEY] = (
        _fernet(settings.SECRET_KEY, tuple(settings.SECRET_KEY_FALLBACKS)).encrypt(token.encode()).decode()
    )
    session[SESSION_EXPIRY_KEY] = expiry


def token_from(session) -> str | None:
    """Return the session's token, or None when there is none or it cannot be opened with the client's keys."""
    sealed = session.get(SESSION_TOKEN_KEY)
    if not sealed:
        return None
    try:
        return _fernet(settings.SECRET_KEY, tuple(settings.SECRET_KEY_FALLBACKS)).decrypt(sealed.encode()).decode()
    except (InvalidToken, ValueError, TypeError):
        return None


def token_expiry(session) -> datetime | None:
    """Return when the session's token expires, as the API said at login, or None if it did not say."""
    return parse_datetime(session.get(SESSION_EXPIRY_KEY) or "")


def token_has_expired(session) -> bool:
    """Tell whether the token's own lifetime is over (rather than the token having been revoked)."""
    expiry = token_expiry(session)
    return expiry is None or expiry <= timezone.now()


@functools.lru_cache(maxsize=4)
def _fernet(secret_key: str, fallbacks: tuple[str, ...]) -> MultiFernet:
    # Derived once per key set: HKDF is cheap, but not free on every request.
    return MultiFernet([Fernet(_derive(key)) for key in (secret_key, *fallbacks)])


def _derive(secret_key: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"stockroom-client", info=b"api token in the session")
    return base64.urlsafe_b64encode(hkdf.derive(secret_key.encode()))
