"""The authentication backend: Django's own, finding the user by canonical username (`ALICE` logs in as `alice`)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from accounts.usernames import user_by_username


class CanonicalUsernameBackend(ModelBackend):
    """Authenticate like `ModelBackend`, comparing usernames the way registration does."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        """Return the user whose canonical username and password match, else None."""
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = user_by_username(username)
        if user is None:
            # Hash anyway, as ModelBackend does, so an unknown username takes as long as a wrong password.
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
