"""Items as a CSV download, streamed a chunk of rows at a time so the worker never holds the whole file."""

import csv
from collections.abc import Iterator
from itertools import islice

from django.http import StreamingHttpResponse
from django.utils import timezone

from common.representation import representation_for
from inventory.csv_format import COLUMNS, neutralise
from inventory.serializers import ItemSerializer

# Rows per database fetch and per piece of the response: big enough that a million rows cost a thousand round
# trips and writes, small enough that a chunk is a few hundred kilobytes.
CHUNK_ROWS = 2000
# The CSV column each API field goes to (the category by name).
_SOURCES = {"category": "category_name"}


class _Line:
    """A file-like object whose `write` hands back what it was given, so csv.writer returns each line."""

    def write(self, value: str) -> str:
        return value


def csv_lines(items) -> Iterator[bytes]:
    """Yield the items queryset as UTF-8 CSV (RFC 4180), header first, one chunk of rows at a time."""
    writer = csv.writer(_Line())  # the `excel` dialect: comma, CRLF, quotes only where needed, `""` inside
    yield writer.writerow(COLUMNS).encode()
    # The API's own representation of each row, so prices, times and names read as they do in JSON.
    reader = representation_for(ItemSerializer)
    rows = reader.rows(items).iterator(chunk_size=CHUNK_ROWS)
    while chunk := list(islice(rows, CHUNK_ROWS)):
        lines = (
            writer.writerow([_cell(row[_SOURCES.get(column, column)]) for column in COLUMNS])
            for row in reader.represent(chunk)
        )
        yield "".join(lines).encode()


def _cell(value) -> str:
    if value is None:
        return ""
    return neutralise(value) if isinstance(value, str) else str(value)


def csv_download(items) -> StreamingHttpResponse:
    """Answer with the items as a dated CSV attachment, streamed."""
    response = StreamingHttpResponse(csv_lines(items), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="items-{timezone.localdate():%Y-%m-%d}.csv"'
    # A user's whole inventory: no shared cache should keep a copy.
    response["Cache-Control"] = "private, no-store"
    return response
