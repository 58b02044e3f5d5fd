"""`GET /stats/`: the dashboard's figures in one request."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from common.schema import ErrorDetailSerializer
from inventory.serializers import StatsSerializer
from inventory.stats import stock_stats


class StatsView(APIView):
    """Your stock at a glance."""

    @extend_schema(
        tags=["stats"],
        summary="Read your stock's figures",
        description="Counts of live items (the trash is left out) and categories, units in stock, stock value "
        "(the sum of quantity × price), items out of stock, low-stock items (quantity at or below their "
        "`reorder_level`; the first 20, lowest quantity first), and items, units and value by category "
        "(`id` null: uncategorised), highest value first. Money is a decimal string with two places.",
        responses={
            200: StatsSerializer,
            401: OpenApiResponse(ErrorDetailSerializer, description="Missing, invalid, expired or revoked token."),
            429: OpenApiResponse(ErrorDetailSerializer, description="Too many requests."),
        },
    )
    def get(self, request):
        """Answer the caller's figures."""
        return Response(stock_stats(request.user))
