"""Fixtures of the inventory pages' tests."""

import pytest

from tests.conftest import api_url

CATEGORIES = {"count": 1, "next": None, "previous": None, "results": [{"id": 2, "name": "Tools", "item_count": 1}]}


@pytest.fixture
def categories(api):
    """Answer the user's category list (one: Tools, id 2), which the items pages offer as choices."""
    api.get(api_url("categories/"), json=CATEGORIES)
