"""Records of idempotent requests, so a retried create returns the first answer instead of a duplicate."""

from django.conf import settings
from django.db import models


class IdempotencyKey(models.Model):
    """The first response to a create sent with an `Idempotency-Key`, kept for 24 hours."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the method, path and body.")
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="idempotency_key_unique_per_owner")]

    def __str__(self):
        return self.key
