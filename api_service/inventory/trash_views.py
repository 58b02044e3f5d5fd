"""The items' trash: list it, read or delete one for good, restore one or a batch, read a trashed item's history."""

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from common.concurrency import etag_for
from common.pagination import PageNumberPagination
from common.schema import ErrorDetailSerializer
from inventory.history import Source, request_source
from inventory.history_views import ItemHistoryMixin
from inventory.models import Item
from inventory.schema import FIELD_ERRORS, NESTED_FIELD_ERRORS, RETRY_AFTER
from inventory.serializers import (
    ItemIdsSerializer,
    ItemRestoreResultSerializer,
    ItemSerializer,
    TrashedItemSerializer,
)
from inventory.trash import item_delete_for_good, items_restore, retention, trashed_items


def _detail(description):
    return OpenApiResponse(ErrorDetailSerializer, description=description)


_COMMON = {401: _detail("Missing, invalid, expired or revoked token."), 429: _detail("Too many requests.")}
_NOT_IN_TRASH = _detail("No such item in your trash.")
_SKU_TAKEN = OpenApiResponse(
    inline_serializer(
        "ItemRestoreConflict", fields={"detail": serializers.CharField(), "sku": serializers.CharField()}
    ),
    description="A live item has taken this item's SKU since it was deleted; change that item's SKU first.",
)
_BATCH_SKU_TAKEN = OpenApiResponse(
    inline_serializer(
        "ItemBatchRestoreConflict",
        fields={"detail": serializers.CharField(), "ids": serializers.ListField(child=serializers.IntegerField())},
    ),
    description="Live items have taken these items' SKUs (or two of them share one); nothing was restored.",
)


class TrashPagination(PageNumberPagination):
    """Numbered pages of the trash that also say how long it keeps items, so no client keeps its own copy."""

    def get_paginated_response(self, data):
        """Answer `{count, next, previous, results, retention_days}`."""
        response = super().get_paginated_response(data)
        response.data["retention_days"] = retention().days
        return response

    def get_paginated_response_schema(self, schema):
        """Describe the page with `retention_days` beside the rows."""
        described = super().get_paginated_response_schema(schema)
        described["properties"]["retention_days"] = {
            "type": "integer",
            "minimum": 0,
            "example": 30,
            "description": "Days an item stays in the trash before it is deleted for good (`API_TRASH_DAYS`).",
        }
        described["required"] = [*described["required"], "retention_days"]
        return described


@extend_schema_view(
    list=extend_schema(
        summary="List your trash",
        description="Your deleted items, newest deletion first. Items stay `retention_days` days (`API_TRASH_DAYS`, "
        "30 by default), then are deleted for good; each one's `purge_at` says when.",
        parameters=[RETRY_AFTER],
        responses={
            200: TrashedItemSerializer(many=True),
            400: OpenApiResponse(FIELD_ERRORS, description="`page_size` is not a positive integer."),
            404: _detail("A page past the end, or a page number that is not one."),
            **_COMMON,
        },
    ),
    retrieve=extend_schema(
        summary="Read a trashed item", responses={200: TrashedItemSerializer, 404: _NOT_IN_TRASH, **_COMMON}
    ),
    destroy=extend_schema(
        summary="Delete a trashed item for good",
        description="Deletes the item and its history; this cannot be undone.",
        responses={204: None, 404: _NOT_IN_TRASH, **_COMMON},
    ),
)
@extend_schema(tags=["trash"])
class TrashViewSet(ItemHistoryMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Your deleted items, kept `API_TRASH_DAYS` days: restore them or delete them for good."""

    serializer_class = TrashedItemSerializer
    pagination_class = TrashPagination
    filter_backends = []
    # Digits only, so that `restore/` is the batch route and not an item id.
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        """Return the caller's trashed items, newest deletion first."""
        return trashed_items(self.request.user).select_related("category").defer("category__description")

    def destroy(self, request, pk=None):
        """Delete one trashed item and its history for good."""
        if not item_delete_for_good(owner=request.user, pk=int(pk)):
            raise NotFound("No such item in your trash.")
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Restore a trashed item",
        description="Brings the item back as it was (uncategorised if its category was deleted meanwhile); its "
        "version goes up by one.",
        request=None,
        parameters=[
            RETRY_AFTER,
            OpenApiParameter("ETag", str, OpenApiParameter.HEADER, response=[200], description="The new version."),
        ],
        responses={200: ItemSerializer, 404: _NOT_IN_TRASH, 409: _SKU_TAKEN, **_COMMON},
    )
    @action(detail=True, methods=["post"])
    def restore(self, request, pk=None):
        """Restore one item; answer it as the items endpoint shows it."""
        item = self.get_object()
        try:
            items_restore(owner=request.user, ids=[item.pk], user=request.user, source=request_source(request))
        except ValidationError:
            raise NotFound("No such item in your trash.") from None  # restored or deleted meanwhile
        restored = Item.objects.select_related("category").get(pk=item.pk)
        data = ItemSerializer(restored, context=self.get_serializer_context()).data
        return Response(data, headers={"ETag": etag_for(restored.version)})

    @extend_schema(
        operation_id="items_trash_restore_batch",
        summary="Restore trashed items",
        description="Brings back every listed item or none of them (source `bulk` in their history).",
        request=ItemIdsSerializer,
        parameters=[RETRY_AFTER],
        responses={
            200: ItemRestoreResultSerializer,
            400: OpenApiResponse(
                NESTED_FIELD_ERRORS,
                description="Invalid ids (by position in the list), or ids not in your trash (named).",
            ),
            409: _BATCH_SKU_TAKEN,
            **_COMMON,
        },
    )
    @action(detail=False, methods=["post"], url_path="restore", serializer_class=ItemIdsSerializer)
    def restore_batch(self, request):
        """Restore a batch of items, all or none."""
        serializer = ItemIdsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ids = serializer.validated_data["ids"]
        items = items_restore(owner=request.user, ids=ids, user=request.user, source=Source.BULK)
        return Response({"count": len(items), "items": items})
