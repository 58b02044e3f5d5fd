"""Rows read as plain values are represented exactly as the serializers would represent the model instances."""

import zoneinfo
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework import serializers

from common.representation import RowRepresentation, representation_for
from inventory.models import Category, Item
from inventory.serializers import CategorySerializer, ItemSerializer
from inventory.views import CategoryViewSet, ItemViewSet


def _through_serializer(viewset_class, serializer_class, user, request_factory):
    request = request_factory.get("/")
    request.user = user
    queryset = viewset_class().get_base_queryset().filter(owner=user).order_by("pk")
    return [serializer_class(row, context={"request": request}).data for row in queryset]


def _through_rows(viewset_class, serializer_class, user):
    reader = representation_for(serializer_class)
    return reader.represent(reader.rows(viewset_class().get_base_queryset().filter(owner=user).order_by("pk")))


@pytest.fixture
def varied_items(user, make_category, make_item):
    tools = make_category(user, name="Tools ✓", description="")
    make_item(user, name="Plain", price=Decimal("0"), quantity=0)
    make_item(user, name="In a category", category=tools, sku="SKU-1", price=Decimal("99999999.99"), quantity=7)
    make_item(user, name="Unicode ünïcödé \u2028 line", description="x" * 5000, price=Decimal("1.5"))
    Item.objects.filter(name="Plain").update(updated_at=datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC))
    Item.objects.filter(name="In a category").update(created_at=datetime(2026, 6, 1, 12, 0, 0, tzinfo=UTC))


def test_item_rows_are_represented_exactly_as_the_serializer_represents_items(user, varied_items, rf):
    expected = _through_serializer(ItemViewSet, ItemSerializer, user, rf)
    assert _through_rows(ItemViewSet, ItemSerializer, user) == expected
    assert [row["category_name"] for row in expected] == [None, "Tools ✓", None]


def test_category_rows_include_the_annotated_item_count_exactly_as_the_serializer_does(user, varied_items, rf):
    Category.objects.create(owner=user, name="Empty")
    expected = _through_serializer(CategoryViewSet, CategorySerializer, user, rf)
    assert _through_rows(CategoryViewSet, CategorySerializer, user) == expected
    assert [row["item_count"] for row in expected] == [1, 0]


def test_datetimes_follow_the_active_time_zone_as_the_serializer_does(user, varied_items, rf):
    with timezone.override(zoneinfo.ZoneInfo("America/New_York")):
        expected = _through_serializer(ItemViewSet, ItemSerializer, user, rf)
        represented = _through_rows(ItemViewSet, ItemSerializer, user)
    assert represented == expected
    assert represented[0]["updated_at"].endswith("-05:00")


def test_only_the_columns_the_output_shows_are_selected(user, varied_items):
    reader = representation_for(ItemSerializer)
    sql = str(reader.rows(Item.objects.filter(owner=user)).query)
    assert '"inventory_category"."description"' not in sql
    assert '"inventory_item"."owner_id"' not in sql.split("WHERE")[0]


def test_a_field_reading_the_whole_object_is_refused_when_compiled():
    class WholeObject(serializers.Serializer):
        everything = serializers.DictField(source="*")

    with pytest.raises(TypeError, match="source='\\*'"):
        RowRepresentation(WholeObject)
