"""Idempotent writes: a repeated `POST` with the same `Idempotency-Key` returns the first response."""

import hashlib
import json
import re
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response

from common.exceptions import Conflict
from common.models import IdempotencyKey

KEY_LIFETIME = timedelta(hours=24)
_SANE_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Any unique string (a UUID) per intended write. Repeating the request with the same key and "
    "body within 24 hours returns the first response and changes nothing; the same key with a different body "
    "is 422.",
)


class KeyReused(APIException):
    """The key was already used for a different request (422)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "This Idempotency-Key was already used with a different request body."
    default_code = "idempotency_key_reused"


def fingerprint(request) -> str:
    """Return a digest of what makes two requests the same: method, path and JSON body."""
    body = json.dumps(request.data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def _replay(owner, key, digest):
    """Return the stored response for this key, raising 422 if it belonged to another request."""
    IdempotencyKey.objects.filter(owner=owner, key=key, created_at__lt=timezone.now() - KEY_LIFETIME).delete()
    record = IdempotencyKey.objects.filter(owner=owner, key=key).first()
    if record is None:
        return None
    if record.fingerprint != digest:
        raise KeyReused()
    return Response(record.body, status=record.status, headers={"Idempotent-Replayed": "true"})


def respond_once(request, respond) -> Response:
    """Answer with `respond()`, or, for a known `Idempotency-Key`, with the first answer to the same request."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return respond()
    if not _SANE_KEY.match(key):
        raise ValidationError({"Idempotency-Key": ["Must be 1-255 printable ASCII characters."]})
    digest = fingerprint(request)
    replayed = _replay(request.user, key, digest)
    if replayed is not None:
        return replayed
    try:
        # The write and the record commit together: a failed write leaves no key behind to replay.
        with transaction.atomic():
            response = respond()
            IdempotencyKey.objects.create(
                owner=request.user,
                key=key,
                fingerprint=digest,
                status=response.status_code,
                body=json.loads(json.dumps(response.data, default=str)),
            )
    except IntegrityError:
        # A concurrent request with the same key committed first: answer as it did.
        replayed = _replay(request.user, key, digest)
        if replayed is None:
            raise Conflict("A request with this Idempotency-Key is still in progress.") from None
        return replayed
    return response
