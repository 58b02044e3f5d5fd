"""JSON rendering with orjson: the same bytes as DRF's JSONRenderer for API data, several times faster."""

import orjson
from rest_framework import renderers
from rest_framework.utils.encoders import JSONEncoder

# Datetimes go through DRF's encoder, which writes UTC as `Z` and keeps milliseconds; int keys become strings.
_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
_encoder = JSONEncoder()


class JSONRenderer(renderers.JSONRenderer):
    """DRF's compact, UTF-8 JSON, rendered by orjson; pretty-printing (`; indent=`) is left to DRF's own."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        """Render `data` to bytes exactly as DRF would, falling back to DRF for what orjson cannot express."""
        if data is None:
            return b""
        if self.get_indent(accepted_media_type, renderer_context or {}) is not None:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            rendered = orjson.dumps(data, default=_encoder.default, option=_OPTIONS)
        except orjson.JSONEncodeError:
            # Integers beyond 64 bits, for one: the standard library handles them.
            return super().render(data, accepted_media_type, renderer_context)
        # As DRF does: U+2028 and U+2029 escaped, so the output is also valid JavaScript.
        if b"\xe2\x80\xa8" in rendered or b"\xe2\x80\xa9" in rendered:
            rendered = rendered.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
        return rendered
