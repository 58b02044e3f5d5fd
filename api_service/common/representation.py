"""Fast reads: a serializer's output built from `.values()` rows, with no model instances and no per-row fields.

DRF spends most of a list request building a model instance per row and calling a field object per value. The
serializer stays the single description of the output; this compiles its read side once into (key, column,
formatter) steps and applies them to plain rows. Writes keep the serializer and all of its validation.
"""

from functools import cache

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from rest_framework import serializers
from rest_framework.settings import ISO_8601, api_settings

# Fields whose representation of a value read from the database is that value itself.
_AS_IS = (
    serializers.IntegerField,
    serializers.CharField,
    serializers.BooleanField,
    serializers.PrimaryKeyRelatedField,  # `.values()` already holds the related id
)


def _represents_like(field, base) -> bool:
    return isinstance(field, base) and type(field).to_representation is base.to_representation


def _iso_datetime(value, tz):
    # DRF's DateTimeField in ISO 8601: converted to the current time zone, UTC written as `Z`.
    text = value.astimezone(tz).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _formatter(field):
    """Return how to format a column for `field` exactly as the field would, or None to use the value as is."""
    if (
        _represents_like(field, serializers.DateTimeField)
        and getattr(field, "format", api_settings.DATETIME_FORMAT) == ISO_8601
        and getattr(field, "timezone", None) is None
        and settings.USE_TZ
    ):
        return _iso_datetime
    if any(_represents_like(field, base) for base in _AS_IS) and getattr(field, "pk_field", None) is None:
        return None
    return lambda value, tz: field.to_representation(value)


class RowRepresentation:
    """The read side of a serializer class, compiled once: the columns to select and how to format each."""

    def __init__(self, serializer_class):
        self.columns = {}
        self.steps = []
        for name, field in serializer_class().fields.items():
            if field.write_only:
                continue
            if field.source == "*":
                raise TypeError(f"{serializer_class.__name__}.{name}: source='*' cannot be read from a row")
            lookup = "__".join(field.source_attrs)
            self.columns[name] = lookup
            self.steps.append((name, _formatter(field)))

    def rows(self, queryset):
        """Return `queryset` as dicts keyed by output field name, selecting only the columns the output uses."""
        plain = [name for name, lookup in self.columns.items() if name == lookup]
        renamed = {name: F(lookup) for name, lookup in self.columns.items() if name != lookup}
        return queryset.values(*plain, **renamed)

    def represent(self, rows) -> list[dict]:
        """Return the serializer's output for each row, in order."""
        tz = timezone.get_current_timezone()
        represented = []
        for row in rows:
            item = {}
            for name, format_ in self.steps:
                value = row[name]
                item[name] = value if format_ is None or value is None else format_(value, tz)
            represented.append(item)
        return represented


@cache
def representation_for(serializer_class) -> RowRepresentation:
    """Return the compiled read side of a serializer class (built on first use)."""
    return RowRepresentation(serializer_class)
