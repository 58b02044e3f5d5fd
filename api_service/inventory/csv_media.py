"""CSV as a DRF media type: the `text/csv` parser that reads an upload, the renderer that content negotiation picks."""

import codecs

from django.utils.http import parse_header_parameters
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer


class CSVParser(BaseParser):
    """Read a `text/csv` body as text: UTF-8 with or without a byte-order mark, or the `charset` it declares."""

    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None) -> str:
        """Return the body decoded; a body that is not text in its encoding is a 400 saying how to fix it."""
        declared = parse_header_parameters(media_type or "")[1].get("charset", "UTF-8")
        encoding = declared.lower()
        if encoding.replace("-", "") == "utf8":
            encoding = "utf-8-sig"  # Excel's "CSV UTF-8" starts with a byte-order mark
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ParseError(f"Unknown charset {declared!r}; send the file as UTF-8.") from None
        try:
            return stream.read().decode(encoding)
        except UnicodeDecodeError:
            raise ParseError(
                f'The file is not {declared} text. Save it from your spreadsheet as "CSV UTF-8" and upload it again.'
            ) from None


class CSVRenderer(BaseRenderer):
    """Offer `text/csv` to content negotiation; the export streams its own response, so this renders nothing."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        """Never reached for the CSV itself (a streamed response); errors are rendered as JSON by the view."""
        raise NotImplementedError("CSV responses are streamed by the view that makes them.")
