"""Optimistic concurrency for viewsets: `ETag` out, `If-Match` in, 412 when they disagree."""

import re

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from rest_framework.exceptions import NotFound, ValidationError

from common.exceptions import PreconditionFailed

_ENTITY_TAG = re.compile(r'^(?:W/)?"?(\d{1,10})"?$')


class VersionMismatch(Exception):
    """The row's version is not the one the writer started from."""


def etag_for(version: int) -> str:
    """Return the strong entity tag of a version."""
    return f'"{version}"'


def parse_if_match(header: str | None) -> set[int] | None:
    """Return the versions an `If-Match` header accepts, or None when it accepts any (absent or `*`)."""
    if header is None or header.strip() == "*":
        return None
    versions = set()
    for tag in header.split(","):
        match = _ENTITY_TAG.match(tag.strip())
        if match:
            versions.add(int(match.group(1)))
    # A header that names no version is a mistake to report, never a reason to write blindly.
    if not versions:
        raise ValidationError({"If-Match": ['Must be "*" or the ETag of a version, such as "3".']})
    return versions


def update_versioned(*, instance, fields: dict, expected_versions: set[int] | None) -> None:
    """Apply `fields` with one conditional UPDATE that also bumps the version; two racing writers cannot both win."""
    model = type(instance)
    rows = model.objects.filter(pk=instance.pk)
    if expected_versions is not None:
        rows = rows.filter(version__in=expected_versions)
    with transaction.atomic():
        updated = rows.update(**fields, version=F("version") + 1, updated_at=timezone.now())
    if not updated:
        raise VersionMismatch


def delete_versioned(*, instance, expected_versions: set[int] | None) -> None:
    """Delete the row only if its version is still an expected one."""
    rows = type(instance).objects.filter(pk=instance.pk)
    if expected_versions is not None:
        rows = rows.filter(version__in=expected_versions)
    deleted, _ = rows.delete()
    if not deleted:
        raise VersionMismatch


class IfMatchMixin:
    """Add ETag/If-Match handling to a ModelViewSet; writes go through the conditional update."""

    def expected_versions(self) -> set[int] | None:
        """Return the versions the client's `If-Match` accepts (None: any)."""
        return parse_if_match(self.request.headers.get("If-Match"))

    def precondition_failed(self, pk) -> PreconditionFailed | NotFound:
        """Build the 412 error carrying the object's current representation (a 404 if it went meanwhile)."""
        current = self.get_queryset().filter(pk=pk).first()
        name = self.get_queryset().model._meta.verbose_name
        if current is None:
            return NotFound(f"The {name} was deleted meanwhile.")
        return PreconditionFailed(
            detail=f"The {name} was changed since you loaded it.",
            current=self.get_serializer(current).data,
            etag=etag_for(current.version),
        )

    def check_precondition(self, instance) -> set[int] | None:
        """Refuse with 412 unless `If-Match` accepts the instance's version; return the accepted versions."""
        expected = self.expected_versions()
        if expected is not None and instance.version not in expected:
            raise self.precondition_failed(instance.pk)
        return expected

    def finalize_response(self, request, response, *args, **kwargs):
        """Tag single-object responses with their version."""
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if (
            self.action in {"retrieve", "update", "partial_update", "create"}
            and response.status_code < 300
            and isinstance(data, dict)
            and "version" in data
        ):
            response["ETag"] = etag_for(data["version"])
        return response

    def perform_update(self, serializer):
        """Write the validated fields with a conditional UPDATE, or refuse with 412."""
        instance = serializer.instance
        expected = self.check_precondition(instance)
        try:
            update_versioned(instance=instance, fields=dict(serializer.validated_data), expected_versions=expected)
        except VersionMismatch:
            raise self.precondition_failed(instance.pk) from None
        # Re-read through the viewset's queryset so annotations (such as counts) are current.
        serializer.instance = self.get_queryset().get(pk=instance.pk)

    def perform_destroy(self, instance):
        """Delete only when `If-Match` (if sent) still matches."""
        expected = self.check_precondition(instance)
        try:
            delete_versioned(instance=instance, expected_versions=expected)
        except VersionMismatch:
            raise self.precondition_failed(instance.pk) from None
