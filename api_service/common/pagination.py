"""Pagination: numbered pages with a count by default, keyset (cursor) pages on request for long walks."""

from django.db.models import F, Func, Subquery
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.settings import api_settings

# Larger than any real page number; keeps OFFSET arithmetic far from the database's 64-bit limit.
_MAX_PAGE = 10**9


def _is_plain_integer(raw: str) -> bool:
    # str.isdigit() alone accepts characters such as "²" that int() rejects.
    return raw.isascii() and raw.isdigit() and len(raw) <= 20


def _is_id(position: str | None) -> bool:
    # A keyset position is the last id seen; None on the first page.
    return position is None or (_is_plain_integer(position) and int(position) < 2**63)


class CountedRows:
    """Rows to paginate, counted from the plain filtered queryset rather than from the query that fetches them.

    The fetching query may join tables for shown columns (an item's category name); the count needs none of
    them, and on a large collection the join is most of the count's cost.
    """

    def __init__(self, *, counted, rows):
        self.counted, self.rows = counted, rows

    @property
    def ordered(self) -> bool:
        """Whether the rows have a defined order (Django's paginator warns otherwise)."""
        return self.rows.ordered

    def count(self) -> int:
        """Return the number of rows, by the cheapest query."""
        return self.counted.count()

    def __getitem__(self, key):
        return self.rows[key]


class StrictPageSizeMixin:
    """`page_size` between 1 and 100 (default 20); larger is clamped, anything else is a 400 naming it."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    page_size_query_description = "Number of results per page (1-100, default 20)."

    def get_page_size(self, request):
        """Return the requested page size, clamped to the maximum; refuse values that are not positive integers."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not _is_plain_integer(raw) or int(raw) < 1:
            raise ValidationError({self.page_size_query_param: ["Must be a positive integer."]})
        return min(int(raw), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        """Describe the parameters with the ranges the API accepts: pages from 1, page sizes 1 to the maximum."""
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
            elif parameter["name"] == getattr(self, "page_query_param", None):
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": _MAX_PAGE}
            elif parameter["name"] == getattr(self, "cursor_query_param", None):
                # An empty cursor asks for the first keyset page.
                parameter["allowEmptyValue"] = True
        return parameters


class PageNumberPagination(StrictPageSizeMixin, pagination.PageNumberPagination):
    """Serve `{count, next, previous, results}` pages: what the web client uses for "page X of Y"."""

    def paginate_queryset(self, queryset, request, view=None):
        """Refuse a malformed page number with 404, like a page past the end."""
        raw = request.query_params.get(self.page_query_param)
        if (
            raw is not None
            and raw not in self.last_page_strings
            and (not _is_plain_integer(raw) or int(raw) > _MAX_PAGE)
        ):
            raise NotFound(self.invalid_page_message)
        return super().paginate_queryset(queryset, request, view)


class KeysetPagination(StrictPageSizeMixin, pagination.CursorPagination):
    """Serve `{next, previous, results}` pages that continue from the last row seen: no OFFSET, no COUNT.

    Deep pages cost the same as the first, so API consumers walking a whole collection use this. Rows come in id
    order: a unique key is what lets each page start exactly after the previous one (DRF falls back to OFFSET
    among rows that tie on a non-unique sort key such as a name).
    """

    cursor_query_description = (
        "Opt in to keyset pagination, in id order: send an empty `cursor` for the first page, then follow `next`. "
        "The answer has no `count`; `ordering` cannot be combined with it."
    )
    # `id`, not `pk`: pages hold plain rows (dicts) keyed by field name as well as model instances.
    ordering = ("id",)

    def decode_cursor(self, request):
        """Decode `cursor` as DRF does, refusing (400) one that is not ours or whose position is not an id."""
        # DRF answers an undecodable cursor with 404 and trusts the position inside a decodable one: a forged
        # `p=abc` reached the database as an id and failed there with a 500.
        invalid = ValidationError({self.cursor_query_param: ["Invalid cursor."]})
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise invalid from None
        if cursor is not None and not _is_id(cursor.position):
            raise invalid
        return cursor

    def within_id_range(self, rows, counted, request):
        """Stop the walk at the collection's last id (first id when walking back through `previous`).

        The database walks the primary key from the cursor and skips other users' rows; without an end, the probe
        for a next page after a user's last row would read every newer row in the table (PostgreSQL at a million
        rows: the last page took four times the first). The bound is one index lookup on (owner, id). Only the
        far end is bounded: a second bound on the near side can become the start of the index range instead of
        the cursor (SQLite then read every row before the cursor).
        """
        cursor = self.decode_cursor(request)
        ids = counted.order_by().values("id")
        if cursor is not None and cursor.reverse:
            first = ids.annotate(bound=Func(F("id"), function="MIN")).values("bound")
            return rows.filter(id__gte=Subquery(first))
        last = ids.annotate(bound=Func(F("id"), function="MAX")).values("bound")
        return rows.filter(id__lte=Subquery(last))

    def get_ordering(self, request, queryset, view):
        """Order by id; refuse `ordering`, which keyset pages cannot honour without OFFSET."""
        if request.query_params.get(api_settings.ORDERING_PARAM):
            raise ValidationError({api_settings.ORDERING_PARAM: ["Not available with cursor pagination (id order)."]})
        return self.ordering


class ListPagination(pagination.BasePagination):
    """Numbered pages by default; keyset pages when the request carries `cursor`."""

    def __init__(self):
        self.numbered = PageNumberPagination()
        self.keyset = KeysetPagination()
        self.active = self.numbered

    @property
    def display_page_controls(self):
        """Tell the browsable API whether to draw page controls."""
        return getattr(self.active, "display_page_controls", False)

    def paginate_queryset(self, queryset, request, view=None):
        """Paginate with whichever style the request chose (rows given as CountedRows are counted cheaply)."""
        self.active = self.keyset if self.keyset.cursor_query_param in request.query_params else self.numbered
        if isinstance(queryset, CountedRows) and self.active is self.keyset:
            queryset = self.keyset.within_id_range(queryset.rows, queryset.counted, request)  # and never count
        return self.active.paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        """Answer in the chosen style's shape."""
        return self.active.get_paginated_response(data)

    def to_html(self):
        """Draw the chosen style's page controls in the browsable API."""
        return self.active.to_html()

    def get_schema_operation_parameters(self, view):
        """Describe `page`, `page_size` and `cursor`."""
        numbered = self.numbered.get_schema_operation_parameters(view)
        names = {parameter["name"] for parameter in numbered}
        keyset = [p for p in self.keyset.get_schema_operation_parameters(view) if p["name"] not in names]
        return numbered + keyset

    def get_paginated_response_schema(self, schema):
        """Describe both shapes at once: `count` is there for numbered pages only."""
        described = self.numbered.get_paginated_response_schema(schema)
        described["required"] = ["results"]
        described["properties"]["count"]["description"] = "Total rows; absent from keyset (`cursor`) pages."
        return described
