"""Strict filter backends: an unknown query parameter or ordering field is a 400, not silently ignored."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.settings import api_settings

# Parameters every listing understands besides its own filters.
_COMMON_PARAMS = {"page", "page_size", "cursor", "format", api_settings.SEARCH_PARAM, api_settings.ORDERING_PARAM}


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter, but a typo such as `?min_prce=` is refused instead of returning everything."""

    def filter_queryset(self, request, queryset, view):
        """Refuse unknown parameters on listings, then filter as usual (invalid values answer 400)."""
        if getattr(view, "action", None) not in getattr(view, "listing_actions", ("list",)):
            return super().filter_queryset(request, queryset, view)
        filterset_class = self.get_filterset_class(view, queryset)
        known = _COMMON_PARAMS | set(filterset_class.base_filters if filterset_class else ())
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise ValidationError({name: ["Unknown query parameter."] for name in unknown})
        if filterset_class and not set(request.query_params) & set(filterset_class.base_filters):
            # No filter asked for: building the FilterSet and its form would cost more than the rest of the query.
            return queryset
        return super().filter_queryset(request, queryset, view)


class StrictOrderingFilter(OrderingFilter):
    """DRF's ordering, refusing unknown fields and always ending on the primary key for stable pages."""

    def get_ordering(self, request, queryset, view):
        """Return the requested ordering plus a primary-key tie-breaker."""
        raw = request.query_params.get(self.ordering_param)
        if raw:
            fields = [part.strip() for part in raw.split(",") if part.strip()]
            valid = {name for name, _label in self.get_valid_fields(queryset, view, {"request": request})}
            invalid = [field for field in fields if field.lstrip("-") not in valid]
            if invalid or not fields:
                raise ValidationError(
                    {self.ordering_param: [f"Unknown ordering field. Choose from: {', '.join(sorted(valid))}."]}
                )
            ordering = fields
        else:
            ordering = list(self.get_default_ordering(view) or [])
        if "pk" not in ordering and "-pk" not in ordering:
            descending = bool(ordering) and ordering[-1].startswith("-")
            ordering.append("-pk" if descending else "pk")
        return ordering

    def get_schema_operation_parameters(self, view):
        """Describe `ordering` as a comma-separated list of the view's fields, each optionally `-`-prefixed."""
        fields = [field for field in getattr(view, "ordering_fields", None) or [] if isinstance(field, str)]
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Sort by these fields, comma-separated; a leading `-` sorts descending.",
                "schema": {"type": "array", "items": {"type": "string", "enum": [*fields, *(f"-{f}" for f in fields)]}},
                "style": "form",
                "explode": False,
            }
        ]
