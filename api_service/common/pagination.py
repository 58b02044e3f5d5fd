"""Page-number pagination with strict, overflow-safe `page` and `page_size` handling."""

from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError

# Larger than any real page number; keeps OFFSET arithmetic far from the database's 64-bit limit.
_MAX_PAGE = 10**9


def _is_plain_integer(raw: str) -> bool:
    # str.isdigit() alone accepts characters such as "²" that int() rejects.
    return raw.isascii() and raw.isdigit() and len(raw) <= 20


class PageNumberPagination(pagination.PageNumberPagination):
    """Serve `{count, next, previous, results}` pages; 20 rows by default, at most 100."""

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
