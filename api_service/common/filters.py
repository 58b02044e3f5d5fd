"""Strict filter backends: an unknown parameter, an empty filter value, an ordering field nobody offered or an
outsized search is a 400 naming the parameter, never silently ignored."""

import operator
from functools import reduce

from django.db import connection
from django.db.models import Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Upper
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.settings import api_settings

# Each search term adds a LIKE over every search field: 900 terms took 1.9 s and slowed every other user, and
# about 1,900 overflowed SQLite's expression tree. Real searches are a few words.
MAX_SEARCH_TERMS = 10
MAX_SEARCH_LENGTH = 200
# A trigram index holds substrings of three characters: a shorter word finds nothing through it, so it stays a LIKE.
MIN_INDEXED_TERM = 3

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
        # django-filter treats `?max_price=` as "no filter"; the schema says a number, so an empty value is a mistake.
        empty = sorted(name for name in known - _COMMON_PARAMS if request.query_params.get(name) == "")
        if empty:
            raise ValidationError({name: ["Give a value, or leave the parameter out."] for name in empty})
        if filterset_class and not set(request.query_params) & set(filterset_class.base_filters):
            # No filter asked for: building the FilterSet and its form would cost more than the rest of the query.
            return queryset
        return super().filter_queryset(request, queryset, view)


class StrictOrderingFilter(OrderingFilter):
    """DRF's ordering, refusing unknown fields and always ending on the primary key for stable pages.

    A view's `ordering_expressions` maps a public field name to what it sorts by (`category` to the category's
    name); rows without a value for such a field (null) come last in both directions, as blanks do in a sheet.
    """

    def filter_queryset(self, request, queryset, view):
        """Order by the requested fields, each through the view's expression for it if it has one."""
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            return queryset
        expressions = getattr(view, "ordering_expressions", {})
        return queryset.order_by(*(self.order_term(term, expressions) for term in ordering))

    @staticmethod
    def order_term(term: str, expressions: dict):
        """Return `term` ("-category") as order_by() takes it: the field name, or its expression with nulls last."""
        name = term.lstrip("-")
        if name not in expressions:
            return term
        expression = expressions[name]
        return expression.desc(nulls_last=True) if term.startswith("-") else expression.asc(nulls_last=True)

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
        description = "Sort by these fields, comma-separated; a leading `-` sorts descending."
        blanks = [f"`{name}`" for name in getattr(view, "ordering_expressions", {})]
        if blanks:
            description += f" Rows without a value for {' or '.join(blanks)} come last in both directions."
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": description,
                "schema": {"type": "array", "items": {"type": "string", "enum": [*fields, *(f"-{f}" for f in fields)]}},
                "style": "form",
                "explode": False,
            }
        ]


class StrictSearchFilter(SearchFilter):
    """DRF's search over the view's `search_fields`, refusing more than 10 terms or 200 characters."""

    def get_search_terms(self, request):
        """Return the search terms; refuse a search too long or with too many terms to answer cheaply."""
        raw = request.query_params.get(self.search_param, "")
        if len(raw) > MAX_SEARCH_LENGTH:
            raise ValidationError({self.search_param: [f"Use at most {MAX_SEARCH_LENGTH} characters."]})
        terms = super().get_search_terms(request)
        if len(terms) > MAX_SEARCH_TERMS:
            raise ValidationError({self.search_param: [f"Use at most {MAX_SEARCH_TERMS} words."]})
        return terms

    def filter_queryset(self, request, queryset, view):
        """Search as DRF does (each word ORs an `icontains` per field), through the view's trigram index where the
        database has one: PostgreSQL's `search_expression` (migration 0006), SQLite's FTS5 `search_table` (0009)."""
        expression = getattr(view, "search_expression", None)
        if expression is not None and connection.vendor == "postgresql":
            # One expression holding every field lets each word be one LIKE on it, which a trigram index answers,
            # all words in one index scan (inventory/filters.py SearchText).
            queryset = queryset.alias(searched_text=expression)
            for term in self.get_search_terms(request):
                queryset = queryset.filter(searched_text__contains=Upper(Value(term)))
            return queryset
        terms = self.get_search_terms(request)
        indexed = [term for term in terms if len(term) >= MIN_INDEXED_TERM]
        table = getattr(view, "search_table", None)
        if not (indexed and table and has_sqlite_index(table)):
            return super().filter_queryset(request, queryset, view)
        # One MATCH for all those words, its rowids the primary keys; each word a quoted phrase (`"` doubled), so
        # that FTS5's syntax in a search (AND, *, ^, :, parentheses) is literal text, as it is to LIKE.
        phrases = " AND ".join('"' + term.replace('"', '""') + '"' for term in indexed)
        queryset = queryset.filter(pk__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [phrases]))
        lookups = [self.construct_search(str(field), queryset) for field in self.get_search_fields(view, request)]
        for term in terms:
            if len(term) < MIN_INDEXED_TERM:
                queryset = queryset.filter(reduce(operator.or_, (Q(**{lookup: term}) for lookup in lookups)))
        return queryset

    def get_schema_operation_parameters(self, view):
        """Describe `search` with its limits."""
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["description"] = (
                f"Words to find, each in any of the searched fields, in any letter case "
                f"(at most {MAX_SEARCH_TERMS} words, {MAX_SEARCH_LENGTH} characters)."
            )
            parameter["schema"] = {"type": "string", "maxLength": MAX_SEARCH_LENGTH}
        return parameters


# (database, table): (the schema's version when asked, whether that SQLite database had that index then).
_SQLITE_INDEXES = {}
# The triggers that keep an FTS5 index exact are named after it (inventory migration 0009).
INDEX_TRIGGERS = ("insert", "delete", "update")


def has_sqlite_index(table: str) -> bool:
    """Whether the database is SQLite and has the FTS5 `table` with all of its triggers; asked again after any
    change to the schema, so a migration run while the API serves is seen at the next search.

    A migration that remakes the items table (as Django does on SQLite for some column changes) drops the triggers,
    and an index no longer kept would answer wrongly: without them the search uses LIKE.
    """
    if connection.vendor != "sqlite":
        return False
    key = (connection.settings_dict["NAME"], table)
    with connection.cursor() as cursor:
        # SQLite bumps it on every CREATE, DROP and ALTER, from any connection: one integer read from the header.
        cursor.execute("PRAGMA schema_version")
        version = cursor.fetchone()[0]
        known = _SQLITE_INDEXES.get(key)
        if known is not None and known[0] == version:
            return known[1]
        triggers = [f"{table}_{kind}" for kind in INDEX_TRIGGERS]
        cursor.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE (type = 'table' AND name = %s) "
            f"OR (type = 'trigger' AND name IN ({', '.join(['%s'] * len(triggers))}))",
            [table, *triggers],
        )
        found = cursor.fetchone()[0] == 1 + len(triggers)
    _SQLITE_INDEXES[key] = (version, found)
    return found
