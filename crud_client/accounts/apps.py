"""Log in, register and log out through the API; Django's auth sees a local, password-less shadow user."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Configure the accounts app and connect its signal handlers."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        from accounts import signals  # noqa: F401
