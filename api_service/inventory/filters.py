"""Query filters for item listings; an invalid value answers 400 naming the parameter."""

from django import forms
from django.db.models import Func, TextField
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from inventory.models import Item


@extend_schema_field({"type": "integer", "format": "int64", "minimum": 1})
class IdFilter(filters.NumberFilter):
    """An integer id within the database's range, so huge values are a 400 rather than a crash."""

    field_class = forms.IntegerField


class SearchText(Func):
    """An item's searched fields as one upper-case text, the expression the PostgreSQL trigram index holds.

    Fields are joined with the control character 31, which no search word holds, so a word matches within one field
    as it does field by field. Migration 0006 indexes exactly this SQL; change both together.
    """

    template = "UPPER(%(expressions)s)"
    arg_joiner = " || chr(31) || "
    output_field = TextField()


# SQLite's FTS5 trigram index of the same fields, its rowid the item's id: migration 0009 makes it where this SQLite
# can (3.34+ with FTS5); change both together.
SEARCH_TABLE = "inventory_item_text"


class ItemFilter(filters.FilterSet):
    """Filter items by category, price range and stock."""

    category = IdFilter(field_name="category_id", min_value=1, max_value=2**63 - 1, help_text="Category id.")
    min_price = filters.NumberFilter(
        field_name="price", lookup_expr="gte", max_digits=10, decimal_places=2, help_text="Lowest price, inclusive."
    )
    max_price = filters.NumberFilter(
        field_name="price", lookup_expr="lte", max_digits=10, decimal_places=2, help_text="Highest price, inclusive."
    )
    # A ChoiceFilter rather than BooleanFilter: django-filter's boolean widget turns `?in_stock=maybe` into "no filter".
    in_stock = filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_in_stock",
        help_text="`true`: quantity above zero; `false`: quantity zero.",
    )

    class Meta:
        model = Item
        fields = ["category", "min_price", "max_price", "in_stock"]

    def filter_in_stock(self, queryset, name, value):
        """Keep items with (or without) stock."""
        return queryset.filter(quantity__gt=0) if value == "true" else queryset.filter(quantity=0)
