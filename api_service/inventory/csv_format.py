"""The items' CSV format, both ways: its columns, formula cells made harmless and restored, reading an upload."""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from rest_framework.exceptions import ParseError

COLUMNS = ["sku", "name", "description", "category", "quantity", "price", "created_at", "updated_at"]
# Written by the export, accepted and ignored by the import: the database keeps its own times.
IGNORED_COLUMNS = {"created_at", "updated_at"}
MAX_ROWS = 100_000

# OWASP's CSV injection guidance: a spreadsheet runs a cell that starts with one of these as a formula, so the
# export prefixes it with `'`. A value that already starts with quotes before one of them gets one more, so the
# import can take exactly one off and give back the value as it was.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def neutralise(value: str) -> str:
    """Return the cell as a spreadsheet shows it as text rather than running it as a formula."""
    return "'" + value if _FORMULA.match(value) else value


def restore(value: str) -> str:
    """Undo `neutralise`."""
    return value[1:] if value.startswith("'") and _FORMULA.match(value, 1) else value


@dataclass
class Upload:
    """A CSV file's header, read at once, and its rows of the known columns, read as they are iterated."""

    columns: list[str]
    unknown_columns: list[str]
    rows: Iterator[tuple[int, dict[str, str]]] = iter(())  # (the line the row starts on, its cells by column)
    errors: list[dict] = field(default_factory=list)  # rows that cannot be read, found while iterating


def read_upload(text: str) -> Upload:
    """Read CSV text (`,` or `;` separated, header first, columns in any order); refuse what is not such a file."""
    if "\x00" in text:
        raise ParseError("The file is not a CSV text file (it holds binary data).")
    lines = io.StringIO(text, newline="")
    first = lines.readline()
    if not first.strip():
        raise ParseError("The file is empty: it needs a header line naming the columns, then one line per item.")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    lines.seek(0)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    header = [name.strip().lower() for name in _next_cells(reader)]
    upload = _with_header(header)
    upload.rows = _rows(reader, header, upload)
    return upload


def _next_cells(reader) -> list[str]:
    try:
        return next(reader)
    except csv.Error as error:
        raise ParseError(f"The file is not valid CSV: line {reader.line_num}: {error}.") from None


def _with_header(header: list[str]) -> Upload:
    known = [name for name in header if name in COLUMNS]
    if not known:
        raise ParseError(
            "The file's first line must be a header naming its columns, for example: " + ",".join(COLUMNS) + "."
        )
    repeated = sorted({name for name in known if known.count(name) > 1})
    if repeated:
        raise ParseError(f"The header names the column {', '.join(repeated)} more than once.")
    unknown = [name for name in header if name and name not in COLUMNS]
    return Upload(columns=known, unknown_columns=list(dict.fromkeys(unknown)))


def _rows(reader, header: list[str], upload: Upload) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield each row that has a cell filled in, with the line it starts on; note rows too wide as errors."""
    kept = [name for name in upload.columns if name not in IGNORED_COLUMNS]
    count = 0
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ParseError(f"The file is not valid CSV: line {reader.line_num}: {error}.") from None
        if not any(cell.strip() for cell in cells):  # spreadsheets save empty rows as lines of separators
            continue
        count += 1
        if count > MAX_ROWS:
            raise ParseError(f"The file has more than {MAX_ROWS:,} rows; split it into smaller files.")
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            message = f"This line has {len(cells)} cells but the header names {len(header)} columns."
            upload.errors.append({"line": line, "field": None, "message": message})
            continue
        # A spreadsheet may drop a row's trailing empty cells: those columns are blank on that row.
        row = dict(zip(header, cells, strict=False))
        yield line, {name: restore(row.get(name, "")) for name in kept}
