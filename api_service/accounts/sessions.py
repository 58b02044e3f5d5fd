"""A user's sessions: one per API token, started at login with the end user's address and browser."""

from django.db import transaction
from knox.models import AuthToken
from knox.settings import knox_settings

from accounts.models import TokenSession
from common.end_user import end_user_agent, end_user_ip


def add_session(sender, instance, created, **kwargs):
    """Give every new token its session row, however it was issued (connected to knox's token post_save)."""
    if created:
        TokenSession.objects.create(token=instance)


def session_start(*, user, request) -> tuple[AuthToken, str]:
    """Issue a token for `user` that expires after the configured TTL; record who it was issued to."""
    with transaction.atomic():
        instance, token = AuthToken.objects.create(user, expiry=knox_settings.TOKEN_TTL)
        TokenSession.objects.filter(token=instance).update(ip=end_user_ip(request), user_agent=end_user_agent(request))
    return instance, token
