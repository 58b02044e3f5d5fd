"""Factories for categories and items owned by a given user."""

from decimal import Decimal

import pytest

from inventory.models import Category, Item


@pytest.fixture
def make_category():
    """Return a factory for categories."""

    def make(owner, name="Tools", **fields):
        return Category.objects.create(owner=owner, name=name, **fields)

    return make


@pytest.fixture
def make_item():
    """Return a factory for items."""

    def make(owner, name="Hammer", **fields):
        fields.setdefault("price", Decimal("9.99"))
        return Item.objects.create(owner=owner, name=name, **fields)

    return make
