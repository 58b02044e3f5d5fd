"""Listings run a fixed number of SQL queries whatever the page size (no N+1)."""

import pytest

from inventory.models import Category, Item


@pytest.fixture
def many(user):
    categories = Category.objects.bulk_create(Category(owner=user, name=f"c{n}") for n in range(100))
    Item.objects.bulk_create(Item(owner=user, name=f"i{n}", category=categories[n % 100]) for n in range(150))


# The token lookup (user joined), the COUNT and the page itself.
MAX_QUERIES = 3


@pytest.mark.parametrize("resource", ["items", "categories"])
@pytest.mark.parametrize("page_size", [1, 100])
def test_listing_query_count_does_not_grow_with_page_size(
    auth_client, many, django_assert_max_num_queries, resource, page_size
):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = auth_client.get(f"/api/v1/{resource}/?page_size={page_size}")
    assert len(response.json()["results"]) == page_size
