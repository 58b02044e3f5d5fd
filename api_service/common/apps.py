"""The API's shared machinery: errors, throttles, idempotency, pagination and the deployment checks."""

from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Configure the common app and register its system checks."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "common"

    def ready(self):
        """Register the deployment checks (`manage.py check --deploy`)."""
        from common import checks  # noqa: F401
