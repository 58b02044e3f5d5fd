"""Pages for the user's categories and items, all served through the API."""

from django.apps import AppConfig


class InventoryConfig(AppConfig):
    """Configure the inventory app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "inventory"
