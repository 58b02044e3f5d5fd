"""Reading items' history: one item's entries (live or in the trash), and the caller's recent changes across items."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action

from common.pagination import PageNumberPagination
from common.schema import ErrorDetailSerializer
from inventory.models import HistoricalItem
from inventory.schema import FIELD_ERRORS
from inventory.serializers import HistoryEntrySerializer

_ERRORS = {
    400: OpenApiResponse(FIELD_ERRORS, description="`page_size` is not a positive integer (by parameter name)."),
    401: OpenApiResponse(ErrorDetailSerializer, description="Missing, invalid, expired or revoked token."),
    429: OpenApiResponse(ErrorDetailSerializer, description="Too many requests; retry after `Retry-After` seconds."),
}
_PAST_END = "A page past the end, or a page number that is not one."


def history_entries(owner):
    """Return the owner's history entries, newest first, with what an entry shows and nothing more."""
    shown = ["history_id", "history_date", "action", "source", "changes", "id", "name", "history_user__username"]
    return (
        HistoricalItem.objects.filter(owner=owner)
        .select_related("history_user")
        .only(*shown)
        .order_by("-history_date", "-history_id")
    )


class ItemHistoryMixin:
    """Add `GET …/{id}/history/` to a viewset whose `get_object()` finds one of the caller's items."""

    @extend_schema(
        summary="Read an item's history",
        description="Every change to the item, newest first: created, updated (with each changed field's old and new "
        "value), deleted, restored; who made it and through what.",
        filters=False,
        responses={
            200: HistoryEntrySerializer(many=True),
            **_ERRORS,
            404: OpenApiResponse(ErrorDetailSerializer, description=f"No such item among yours; or: {_PAST_END}"),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        serializer_class=HistoryEntrySerializer,
        pagination_class=PageNumberPagination,
        filter_backends=[],
    )
    def history(self, request, pk=None):
        """Answer one page of the item's history, newest first."""
        item = self.get_object()
        page = self.paginate_queryset(history_entries(request.user).filter(id=item.pk))
        return self.get_paginated_response(HistoryEntrySerializer(page, many=True).data)


@extend_schema(
    tags=["history"],
    summary="Read your recent changes",
    description="Changes to all of your items (including those in the trash), newest first.",
    responses={
        200: HistoryEntrySerializer(many=True),
        **_ERRORS,
        404: OpenApiResponse(ErrorDetailSerializer, description=_PAST_END),
    },
)
class HistoryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's changes across items, newest first."""

    serializer_class = HistoryEntrySerializer
    pagination_class = PageNumberPagination
    filter_backends = []

    def get_queryset(self):
        """Return the caller's entries."""
        return history_entries(self.request.user)
