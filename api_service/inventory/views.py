"""Category and item endpoints: owner-scoped CRUD with search, filters, ordering and If-Match."""

from django.db.models import Count
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view

from common.idempotency import IDEMPOTENCY_KEY
from common.viewsets import OwnerScopedViewSet
from inventory.filters import ItemFilter
from inventory.models import Category, Item
from inventory.serializers import CategorySerializer, ItemSerializer
from inventory.services import category_delete

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description='The version you loaded, as its ETag (`"3"`). A different current version answers 412 and '
    "changes nothing; without the header the write applies.",
)
ETAG = {"ETag": {"description": 'The version of the returned object, e.g. `"3"`.', "schema": {"type": "string"}}}


_PAST_END = OpenApiResponse(description="A page past the end, or a page number that is not one.")


def _responses(resource, *codes):
    described = {
        400: OpenApiResponse(description="Validation errors, by field."),
        401: OpenApiResponse(description="Missing, invalid, expired or revoked token."),
        404: OpenApiResponse(description=f"No such {resource} among yours."),
        409: OpenApiResponse(description=f"The {resource} still has items."),
        422: OpenApiResponse(description="The Idempotency-Key was already used with a different body."),
        412: OpenApiResponse(description="`If-Match` does not name the current version; `current` holds it."),
    }
    return {code: described[code] for code in codes}


def _crud_schema(resource, serializer, *, delete_codes=()):
    """Describe the standard operations, including ETag/If-Match, for one resource."""
    detail = _responses(resource, 401, 404)
    write = _responses(resource, 400, 401, 404, 412)
    return extend_schema_view(
        list=extend_schema(responses={200: serializer(many=True), **_responses(resource, 400, 401), 404: _PAST_END}),
        create=extend_schema(
            parameters=[IDEMPOTENCY_KEY], responses={201: serializer, **_responses(resource, 400, 401, 422)}
        ),
        retrieve=extend_schema(responses={200: serializer, **detail}),
        update=extend_schema(parameters=[IF_MATCH], responses={200: serializer, **write}),
        partial_update=extend_schema(parameters=[IF_MATCH], responses={200: serializer, **write}),
        destroy=extend_schema(
            parameters=[IF_MATCH], responses={204: None, **_responses(resource, 400, 401, 404, 412, *delete_codes)}
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
        return Category.objects.annotate(item_count=Count("items"))

    def perform_destroy(self, instance):
        """Refuse (409) while items remain; otherwise delete as If-Match allows."""
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
        return Item.objects.select_related("category")
