"""request.user from the session: the shadow user's few fields are kept in the session at login.

The client's users are password-less records of the API's (accounts/backends.py), so the session can carry what
a page needs of one instead of each page reading the users table. The session's auth hash is still checked.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

SNAPSHOT_KEY = "_stockroom_user"
FIELDS = ("username", "email", "password")


def remember(session, user) -> None:
    """Keep the fields of `user` that pages read in its session."""
    session[SNAPSHOT_KEY] = {"id": user.pk, **{name: getattr(user, name) for name in FIELDS}}


def get_user(request):
    """Return the session's user from its snapshot, or as Django finds it (then remembered for the next request)."""
    session = request.session
    snapshot = session.get(SNAPSHOT_KEY)
    if snapshot is None or str(snapshot["id"]) != str(session.get(SESSION_KEY)):
        user = auth.get_user(request)
        if user.is_authenticated:
            remember(session, user)
        return user
    user = get_user_model()(id=snapshot["id"], is_active=True, **{name: snapshot[name] for name in FIELDS})
    user._state.adding, user._state.db = False, "default"
    # The same checks as django.contrib.auth.get_user(): a known backend and the session's auth hash.
    known_backend = session.get(BACKEND_SESSION_KEY) in settings.AUTHENTICATION_BACKENDS
    if known_backend and constant_time_compare(session.get(HASH_SESSION_KEY) or "", user.get_session_auth_hash()):
        return user
    session.flush()
    return AnonymousUser()


class SessionUserMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, with request.user read from the session's snapshot."""

    def process_request(self, request):
        """Set request.user lazily, as Django does."""
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))
