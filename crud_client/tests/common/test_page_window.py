"""Which page numbers a listing links to: the first, the last, and a window around the current page."""

import pytest

from common.api_views import page_window


@pytest.mark.parametrize(
    ("current", "last", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 25, [1, 2, 3, None, 25]),
        (12, 25, [1, None, 10, 11, 12, 13, 14, None, 25]),
        (25, 25, [1, None, 23, 24, 25]),
        (4, 25, [1, 2, 3, 4, 5, 6, None, 25]),
    ],
)
def test_page_window(current, last, expected):
    assert page_window(current, last) == expected
