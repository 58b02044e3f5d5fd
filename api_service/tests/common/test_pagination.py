"""Page-number pagination: defaults, the cap and hostile page values."""

import pytest

from inventory.models import Item

ITEMS = "/api/v1/items/"


@pytest.fixture
def items(user):
    Item.objects.bulk_create(Item(owner=user, name=f"item {n:03d}") for n in range(120))


def test_default_page_is_20_rows_with_count_and_links(auth_client, items):
    body = auth_client.get(ITEMS).json()
    assert (body["count"], len(body["results"])) == (120, 20)
    assert body["previous"] is None
    assert "page=2" in body["next"]


def test_page_size_is_capped_at_100(auth_client, items):
    assert len(auth_client.get(f"{ITEMS}?page_size=500").json()["results"]) == 100


def test_page_past_the_end_is_404(auth_client, items):
    response = auth_client.get(f"{ITEMS}?page=99")
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


def test_last_page_keyword_works(auth_client, items):
    assert len(auth_client.get(f"{ITEMS}?page=last").json()["results"]) == 20


@pytest.mark.parametrize("value", ["0", "-1", "abc", "1.5", "²", "9223372036854775808", "9223372036854775807"])
def test_hostile_page_is_404_json(auth_client, items, value):
    response = auth_client.get(f"{ITEMS}?page={value}")
    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.parametrize("value", ["0", "-1", "abc", "1e3", ""])
def test_invalid_page_size_is_400_naming_it(auth_client, items, value):
    response = auth_client.get(f"{ITEMS}?page_size={value}")
    assert response.status_code == 400
    assert "page_size" in response.json()


@pytest.mark.parametrize("value", ["9223372036854775807", "9223372036854775808", "1" + "0" * 19])
def test_huge_page_size_is_clamped_not_an_error(auth_client, items, value):
    response = auth_client.get(f"{ITEMS}?page_size={value}")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 100
