"""The base viewset for owned resources: what a user may see is decided here, once."""

from contextlib import nullcontext

from django.db import IntegrityError, transaction
from rest_framework import status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from common.concurrency import IfMatchMixin
from common.idempotency import respond_once
from common.pagination import CountedRows
from common.representation import representation_for

# What a write refused by a unique constraint is told when validating it again does not say which field clashed.
CONFLICTS_WITH_EXISTING = "This conflicts with an existing record."


class OwnerScopedViewSet(IfMatchMixin, viewsets.ModelViewSet):
    """CRUD over the caller's own rows only; anyone else's row is simply not found (404)."""

    # The 400 for a constraint violation that validating again does not explain.
    integrity_error = {"non_field_errors": [CONFLICTS_WITH_EXISTING]}
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    # Actions that answer the filtered, searched and ordered collection (an export is one more way to list it).
    listing_actions = ("list",)

    def get_base_queryset(self):
        """Return every row of the resource, with whatever joins and annotations the serializer needs."""
        return self.queryset.all()

    def get_queryset(self):
        """Return the caller's rows; staff too see only their own here (the admin shows everything)."""
        return self.get_base_queryset().filter(owner=self.request.user)

    def filter_queryset(self, queryset):
        """Apply filters, search and ordering to listings; a single object is found by its id alone."""
        # DRF would also filter detail routes, where a filter can only turn an existing id into a 404.
        return super().filter_queryset(queryset) if self.action in self.listing_actions else queryset

    def list(self, request, *args, **kwargs):
        """Answer one page of the caller's rows, read as plain values rather than model instances."""
        reader = representation_for(self.get_serializer_class())
        filtered = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(CountedRows(counted=filtered, rows=reader.rows(filtered)))
        if page is None:
            return Response(reader.represent(reader.rows(filtered)))
        return self.get_paginated_response(reader.represent(page))

    def retrieve(self, request, *args, **kwargs):
        """Answer one of the caller's rows, read as plain values."""
        lookup = self.lookup_url_kwarg or self.lookup_field
        row = self.read_row(**{self.lookup_field: self.kwargs[lookup]})
        self.check_object_permissions(request, row)
        return Response(row)

    def read_row(self, **lookup) -> dict:
        """Return the caller's row matching `lookup` as the serializer shows it, read as plain values (or 404)."""
        reader = representation_for(self.get_serializer_class())
        return reader.represent([get_object_or_404(reader.rows(self.get_queryset()), **lookup)])[0]

    def create(self, request, *args, **kwargs):
        """Create one; a repeat of the request with the same `Idempotency-Key` answers as the first did, adding none."""
        return respond_once(request, lambda: self.create_row(request))

    def create_row(self, request) -> Response:
        """Validate and save as DRF does; answer the new row read back as `retrieve` reads it, annotations included."""
        # Read back, not the saved instance through the serializer: what the database stored (and any annotation)
        # is what a create answers, byte for byte what `retrieve` answers, through one read path and without a model
        # instance and its category built for one response.
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        row = self.read_row(pk=serializer.instance.pk)
        return Response(row, status=status.HTTP_201_CREATED, headers=self.get_success_headers(row))

    def perform_create(self, serializer):
        """Save with the caller as owner, with what `created` adds."""
        # Inside a transaction (an idempotent create) a savepoint keeps it usable after an IntegrityError, and a
        # viewset that writes more with each new row needs a transaction of its own; otherwise the INSERT commits by
        # itself, and BEGIN/COMMIT around it would only cost two round trips. The response's read comes after the
        # commit, so that SQLite's write lock is held for the writes alone.
        atomic = transaction.get_connection().in_atomic_block or type(self).created is not OwnerScopedViewSet.created
        try:
            with transaction.atomic() if atomic else nullcontext():
                instance = serializer.save(owner=self.request.user)
                self.created(instance)
        except IntegrityError:
            self.raise_integrity_error(serializer)

    def created(self, instance):
        """Write what must commit together with a new row (nothing here)."""

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
