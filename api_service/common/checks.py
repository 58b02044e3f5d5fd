"""Deployment checks: configurations that work on one process but not behind several."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

W_THROTTLES_PER_PROCESS = "stockroom.W001"


@register(Tags.security, deploy=True)
def throttle_counters_are_shared(app_configs, **kwargs):
    """Warn when DEBUG is off and throttle counters would live in each process's memory (no REDIS_URL)."""
    if settings.DEBUG or settings.REDIS_URL:
        return []
    return [
        Warning(
            "REDIS_URL is not set: throttle counters live in each process's memory, so every gunicorn worker and "
            "every instance counts on its own and the password-failure and request limits multiply by their number.",
            hint="Set REDIS_URL (for example redis://127.0.0.1:6379/0) so every process shares one set of counters.",
            id=W_THROTTLES_PER_PROCESS,
        )
    ]
