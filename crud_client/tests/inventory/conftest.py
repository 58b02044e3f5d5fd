"""Fixtures of the inventory pages' tests."""

import pytest

from tests.api_payloads import category, page
from tests.conftest import api_url

# One history entry as the API shows it (CONTRACTS-14): ada changed a price from the web app.
HISTORY_ENTRY = {
    "id": 3,
    "when": "2026-03-12T14:02:00Z",
    "user": "ada",
    "action": "updated",
    "source": "web",
    "changes": [{"field": "price", "old": "12.50", "new": "13.00"}],
    "item": {"id": 5, "name": "Claw hammer"},
}
CATEGORIES = page([category()])


@pytest.fixture
def categories(api):
    """Answer the user's category list (one: Tools, id 2), which the items pages offer as choices."""
    api.get(api_url("categories/"), json=CATEGORIES)
