"""Category and item endpoints: owner-scoped CRUD with search, filters, ordering and If-Match."""

from django.db.models import Func, IntegerField, OuterRef, Subquery
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers

from common.idempotency import IDEMPOTENCY_KEY
from common.schema import ErrorDetailSerializer
from common.viewsets import OwnerScopedViewSet
from inventory.filters import ItemFilter
from inventory.models import Category, Item
from inventory.serializers import CategorySerializer, ItemSerializer
from inventory.services import category_delete

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description='The version you loaded, as its ETag (`"3"`; also `3`, `W/"3"`, a comma-separated list, or `*`). '
    "A different current version answers 412 and changes nothing; without the header the write applies.",
)


def _etag(*codes):
    return OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=list(codes),
        description='The version of the object in the body, e.g. `"3"`; send it back in `If-Match`.',
    )


RETRY_AFTER = OpenApiParameter(
    "Retry-After", OpenApiTypes.INT, OpenApiParameter.HEADER, response=[429], description="Seconds to wait."
)
# DRF's 400 shapes: messages by field (`non_field_errors` for the whole body), or one `detail` message
# when the request itself is malformed (bad JSON).
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
}


def _detail(description):
    return OpenApiResponse(ErrorDetailSerializer, description=description)


def _responses(resource, current, *codes):
    described = {
        400: OpenApiResponse(FIELD_ERRORS, description="Invalid input, by field or parameter name."),
        401: _detail("Missing, invalid, expired or revoked token."),
        404: _detail(f"No such {resource} among yours."),
        409: _detail(f"The {resource} still has items."),
        412: OpenApiResponse(current, description="`If-Match` does not name the current version; `current` holds it."),
        413: _detail("The body is over the size limit."),
        415: _detail("The body is not JSON."),
        422: _detail("The Idempotency-Key was already used with a different body."),
        429: _detail("Too many requests; retry after `Retry-After` seconds."),
    }
    return {code: described[code] for code in codes}


def _crud_schema(resource, serializer, *, delete_codes=()):
    """Describe the standard operations, including ETag/If-Match and every error answer, for one resource."""
    current = inline_serializer(
        f"{resource.title()}PreconditionFailed", fields={"detail": serializers.CharField(), "current": serializer()}
    )

    def responses(*codes):
        return _responses(resource, current, *codes, 401, 429)

    past_end = _detail("A page past the end, or a page number that is not one.")
    write = responses(400, 404, 412, 413, 415)
    return extend_schema_view(
        list=extend_schema(
            parameters=[RETRY_AFTER], responses={200: serializer(many=True), **responses(400), 404: past_end}
        ),
        create=extend_schema(
            parameters=[IDEMPOTENCY_KEY, _etag(201), RETRY_AFTER],
            responses={201: serializer, **responses(400, 413, 415, 422)},
        ),
        retrieve=extend_schema(parameters=[_etag(200), RETRY_AFTER], responses={200: serializer, **responses(404)}),
        update=extend_schema(parameters=[IF_MATCH, _etag(200, 412), RETRY_AFTER], responses={200: serializer, **write}),
        partial_update=extend_schema(
            parameters=[IF_MATCH, _etag(200, 412), RETRY_AFTER], responses={200: serializer, **write}
        ),
        destroy=extend_schema(
            parameters=[IF_MATCH, _etag(412), RETRY_AFTER],
            responses={204: None, **responses(400, 404, 412, *delete_codes)},
        ),
    )


@_crud_schema("category", CategorySerializer, delete_codes=(409,))
@extend_schema(tags=["categories"])
class CategoryViewSet(OwnerScopedViewSet):
    """Your categories, each with its item count."""

    queryset = Category.objects.all()
    serializer_class = CategorySerializer
    search_fields = ["name", "description"]
    ordering_fields = ["name", "created_at", "updated_at", "item_count"]
    ordering = ["name"]
    integrity_error = {"name": ["You already have a category with this name."]}

    def get_base_queryset(self):
        """Annotate each category with its item count in the same query."""
        # A correlated subquery rather than Count("items"): the JOIN + GROUP BY made the page's COUNT(*) scan
        # every item of the user (at 100,000 items: 25x slower on SQLite, 100x on PostgreSQL); this counts through
        # the category_id index. COUNT(*), not COUNT(id): PostgreSQL answers it from that index alone, where
        # counting ids reads every item's row (a page of 20 categories over 1,000,000 items: 36 ms against 1 s).
        count = (
            Item.objects.filter(category=OuterRef("pk"))
            .order_by()
            .annotate(n=Func(template="COUNT(*)", output_field=IntegerField()))
        )
        return Category.objects.annotate(item_count=Subquery(count.values("n")))

    def perform_destroy(self, instance):
        """Refuse (409) while items remain; otherwise delete as If-Match allows."""
        # The precondition comes first (RFC 9110): a stale client learns of the new version, not of old items.
        self.check_precondition(instance)
        category_delete(category=instance, delete=lambda: super(CategoryViewSet, self).perform_destroy(instance))


@_crud_schema("item", ItemSerializer)
@extend_schema(tags=["items"])
class ItemViewSet(OwnerScopedViewSet):
    """Your items, filterable by category, price and stock."""

    queryset = Item.objects.all()
    serializer_class = ItemSerializer
    filterset_class = ItemFilter
    search_fields = ["name", "sku", "description"]
    ordering_fields = ["name", "price", "quantity", "created_at", "updated_at"]
    ordering = ["name"]
    integrity_error = {"sku": ["You already have an item with this SKU."]}

    def get_base_queryset(self):
        """Join the category so its name costs no extra query per row."""
        # Only the category's name is shown; its description can be 2,000 characters per row.
        return Item.objects.select_related("category").defer("category__description")
