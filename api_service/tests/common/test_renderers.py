"""The orjson renderer writes the same bytes as DRF's JSONRenderer."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from common.renderers import JSONRenderer

CASES = {
    "page of rows": {"count": 2, "next": None, "previous": None, "results": [{"id": 1, "name": "Hammer", "ok": True}]},
    "non-ascii text": {"name": "Ünïcödé ✓ 日本"},
    "javascript line separators": {"name": "a\u2028b\u2029c"},
    "escapes": {"name": 'quote " backslash \\ newline \n tab \t nul \x00'},
    "aware datetime": {"at": datetime.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=datetime.UTC)},
    "date and time": {"day": datetime.date(2026, 1, 2), "time": datetime.time(3, 4, 5)},
    "decimal and uuid": {"price": Decimal("9.99"), "id": uuid.UUID(int=7)},
    "lazy translation": {"detail": gettext_lazy("This field is required.")},
    "integer keys": {"errors": {0: ["bad"], 3: ["worse"]}},
    "integer beyond 64 bits": {"n": 2**70},
    "nested lists": [[1, [2, [3, []]]], {}],
}


@pytest.mark.parametrize("data", CASES.values(), ids=CASES.keys())
def test_output_is_byte_for_byte_what_drf_renders(data):
    assert JSONRenderer().render(data) == DRFJSONRenderer().render(data)


def test_pretty_printing_on_request_is_drfs_own():
    data = {"a": [1, 2]}
    media_type = "application/json; indent=4"
    assert JSONRenderer().render(data, media_type) == DRFJSONRenderer().render(data, media_type)
    assert b"\n    " in JSONRenderer().render(data, media_type)


def test_nothing_to_render_is_an_empty_body():
    assert JSONRenderer().render(None) == b""


def test_api_answers_are_rendered_by_the_orjson_renderer(auth_client):
    response = auth_client.get("/api/v1/items/")
    assert isinstance(response.accepted_renderer, JSONRenderer)
