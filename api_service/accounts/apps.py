"""Users, registration and API tokens."""

from django.apps import AppConfig
from django.conf import settings
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_save


class AccountsConfig(AppConfig):
    """Configure the accounts app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        """Keep every user's canonical username and every token's session, however they were created."""
        from knox.models import AuthToken

        from accounts.sessions import add_session
        from accounts.usernames import keep_canonical_username

        post_save.connect(keep_canonical_username, sender=settings.AUTH_USER_MODEL, dispatch_uid="canonical_username")
        post_save.connect(add_session, sender=AuthToken, dispatch_uid="token_session")


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin, whose login page counts failed passwords like every other login (accounts.login_pages)."""

    default = False  # named in INSTALLED_APPS; AccountsConfig stays this module's default
    default_site = "accounts.login_pages.AdminSite"
