"""An authentication backend that checks credentials with the API, so LoginView and request.user just work."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend

from apiclient import ApiClient, ApiValidationError, api_client_for


class ApiAuthenticationBackend(BaseBackend):
    """Authenticate against the API's login; keep only a password-less local record of the user."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        """Return the shadow user carrying a fresh API token, or None for wrong credentials."""
        if not username or not password:
            return None
        client = api_client_for(request, with_token=False) if request is not None else ApiClient()
        try:
            answer = client.auth.login(username=username, password=password)
        except ApiValidationError:
            return None
        user = self._shadow_user(answer["user"])
        # Picked up by the user_logged_in handler, which stores it in the session login() has just rotated.
        user.api_token = answer["token"]
        user.api_token_expiry = answer.get("expiry")
        return user

    def get_user(self, user_id):
        """Return the shadow user for a session, or None."""
        try:
            return get_user_model().objects.get(pk=user_id, is_active=True)
        except get_user_model().DoesNotExist:
            return None

    @staticmethod
    def _shadow_user(api_user: dict):
        user, created = get_user_model().objects.get_or_create(
            username=api_user["username"], defaults={"email": api_user.get("email", "")}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        elif user.email != api_user.get("email", user.email):
            user.email = api_user["email"]
            user.save(update_fields=["email"])
        return user
