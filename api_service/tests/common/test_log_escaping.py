"""Log forging: a value from a request can never start a second log line."""

import io
import logging

import pytest

from common.logging import escape_controls


@pytest.fixture
def log_output():
    """Return what the configured console handler writes, at INFO."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    level = logging.getLogger().level
    logging.getLogger().setLevel(logging.INFO)
    yield stream
    logging.getLogger().setLevel(level)
    handler.setStream(previous)


@pytest.mark.django_db
def test_a_path_with_an_encoded_newline_is_logged_on_one_line(api_client, log_output):
    api_client.get("/api/v1/items/%0A2026-11-28 INFO stockroom.request forged=yes")
    lines = [line for line in log_output.getvalue().splitlines() if "stockroom.request" in line]
    assert len(lines) == 1
    assert "\\x0a2026-11-28 INFO stockroom.request forged=yes" in lines[0]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("a\nb", "a\\x0ab"), ("a\rb", "a\\x0db"), ("\x1b[31m", "\\x1b[31m"), ("a\u2028b", "a\\u2028b"), ("\x85", "\\x85")],
)
def test_control_characters_are_escaped_visibly(raw, shown):
    assert escape_controls(raw) == shown


def test_printable_text_is_left_alone():
    assert escape_controls("path=/items/ Ärger ✓ \\n") == "path=/items/ Ärger ✓ \\n"
