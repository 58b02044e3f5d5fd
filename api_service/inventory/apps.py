"""Categories and items, each owned by one user."""

from django.apps import AppConfig


class InventoryConfig(AppConfig):
    """Configure the inventory app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "inventory"
