"""The base viewset for owned resources: what a user may see is decided here, once."""

from django.db import IntegrityError, transaction
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from common.concurrency import IfMatchMixin
from common.idempotency import IdempotentCreateMixin


class OwnerScopedViewSet(IdempotentCreateMixin, IfMatchMixin, viewsets.ModelViewSet):
    """CRUD over the caller's own rows only; anyone else's row is simply not found (404)."""

    # The 400 for a constraint violation that validating again does not explain.
    integrity_error = {"non_field_errors": ["This conflicts with an existing record."]}
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_base_queryset(self):
        """Return every row of the resource, with whatever joins and annotations the serializer needs."""
        return self.queryset.all()

    def get_queryset(self):
        """Return the caller's rows; staff too see only their own here (the admin shows everything)."""
        return self.get_base_queryset().filter(owner=self.request.user)

    def perform_create(self, serializer):
        """Save with the caller as owner, then re-read so annotations are in the response."""
        try:
            with transaction.atomic():
                instance = serializer.save(owner=self.request.user)
        except IntegrityError:
            self.raise_integrity_error(serializer)
        serializer.instance = self.get_queryset().get(pk=instance.pk)

    def perform_update(self, serializer):
        """Apply the versioned update, turning a uniqueness race into a 400."""
        try:
            super().perform_update(serializer)
        except IntegrityError:
            self.raise_integrity_error(serializer)

    def raise_integrity_error(self, serializer):
        """Answer 400 for a write that a concurrent one made invalid after validation (a name taken meanwhile)."""
        # The competing row is committed by now, so validating again names the field and gives its usual message.
        again = self.get_serializer(serializer.instance, data=serializer.initial_data, partial=serializer.partial)
        again.is_valid(raise_exception=True)
        raise ValidationError(self.integrity_error)
