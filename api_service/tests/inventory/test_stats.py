"""GET /stats/: the dashboard's figures, computed in the database, against a fixture worked out by hand."""

from decimal import Decimal

import pytest
from django.utils import timezone

from inventory.models import Item, StockSummary

URL = "/api/v1/stats/"


@pytest.fixture
def stock(user, other_user, make_item, make_category):
    tools, garden = make_category(user, "Tools"), make_category(user, "Garden")
    make_category(user, "Empty")
    made = {
        # name: (category, quantity, price, reorder_level)
        "Hammer": (tools, 3, "12.50", 0),  # 37.50
        "Saw": (tools, 0, "20.00", 0),  # 0, out of stock and low
        "Drill": (tools, 2, "99.99", 5),  # 199.98, low
        "Hose": (garden, 10, "15.00", 10),  # 150.00, low (at the level)
        "Nails": (None, 1000, "0.01", 0),  # 10.00
    }
    items = {
        name: make_item(user, name, category=category, quantity=quantity, price=Decimal(price), reorder_level=level)
        for name, (category, quantity, price, level) in made.items()
    }
    trashed = make_item(user, "Trashed", category=garden, quantity=100, price=Decimal("1000.00"))
    Item.all_objects.filter(pk=trashed.pk).update(deleted_at=timezone.now())
    make_item(other_user, "Theirs", quantity=5, price=Decimal("3.00"))
    return {"tools": tools, "garden": garden, **items}


def test_stats_match_the_hand_computed_figures(auth_client, stock):
    response = auth_client.get(URL)
    assert response.status_code == 200
    assert response.json() == {
        "items": 5,
        "categories": 3,
        "units": 1015,
        "value": "397.48",
        "out_of_stock": 1,
        "low_stock_count": 3,
        "low_stock": [
            {"id": stock["Saw"].id, "name": "Saw", "sku": "", "quantity": 0, "reorder_level": 0},
            {"id": stock["Drill"].id, "name": "Drill", "sku": "", "quantity": 2, "reorder_level": 5},
            {"id": stock["Hose"].id, "name": "Hose", "sku": "", "quantity": 10, "reorder_level": 10},
        ],
        "by_category": [
            {"id": stock["tools"].id, "name": "Tools", "items": 3, "units": 5, "value": "237.48"},
            {"id": stock["garden"].id, "name": "Garden", "items": 1, "units": 10, "value": "150.00"},
            {"id": None, "name": None, "items": 1, "units": 1000, "value": "10.00"},
        ],
    }


def test_stats_of_a_user_without_items_are_zero(auth_client, db):
    assert auth_client.get(URL).json() == {
        "items": 0,
        "categories": 0,
        "units": 0,
        "value": "0.00",
        "out_of_stock": 0,
        "low_stock_count": 0,
        "low_stock": [],
        "by_category": [],
    }


def test_stats_take_a_few_queries_whatever_the_number_of_items(auth_client, stock, django_assert_max_num_queries):
    # The token lookup, then the grouped totals, the category names and the low-stock page.
    with django_assert_max_num_queries(4):
        auth_client.get(URL)


def test_stats_need_a_token(api_client, db):
    assert api_client.get(URL).status_code == 401


def recomputed(owner) -> dict:
    """The figures added up from the items themselves, as the running totals must have them."""
    totals = {}
    for item in Item.objects.filter(owner=owner):
        row = totals.setdefault(item.category_id or 0, [0, 0, Decimal(0), 0, 0])
        row[0] += 1
        row[1] += item.quantity
        row[2] += item.quantity * item.price * 100
        row[3] += item.quantity == 0
        row[4] += item.quantity <= item.reorder_level
    return {key: row for key, row in totals.items()}


def kept(owner) -> dict:
    rows = StockSummary.objects.filter(owner=owner, items__gt=0)
    return {row.category_key: [row.items, row.units, row.value_cents, row.out_of_stock, row.low_stock] for row in rows}


def test_the_running_totals_follow_every_kind_of_item_write(auth_client, user, make_item, make_category):
    tools, garden = make_category(user, "Tools"), make_category(user, "Garden")
    hammer = make_item(user, "Hammer", sku="H-1", category=tools, quantity=3, price=Decimal("12.50"))
    saw = make_item(user, "Saw", sku="S-1", category=tools, quantity=0)
    items, bulk = "/api/v1/items/", "/api/v1/items/bulk/"
    auth_client.post(items, {"name": "Hose", "category": garden.id, "quantity": 4, "price": "3.10"}, format="json")
    auth_client.patch(f"{items}{hammer.id}/", {"price": "13.05", "reorder_level": 5}, format="json")
    auth_client.post(bulk, {"action": "adjust_quantity", "ids": [hammer.id, saw.id], "delta": 7}, format="json")
    auth_client.post(bulk, {"action": "set_category", "ids": [saw.id], "category": garden.id}, format="json")
    auth_client.delete(f"{items}{hammer.id}/")
    csv_text = "sku,name,category,quantity,price\r\nS-1,Saw,Tools,2,4.99\r\nN-1,Nails,,100,0.02\r\n"
    report = auth_client.generic("POST", f"{items}imports/", csv_text.encode(), content_type="text/csv").json()
    auth_client.post(f"{items}imports/{report['id']}/commit/")
    assert kept(user) == recomputed(user)
    auth_client.post(f"/api/v1/items/trash/{hammer.id}/restore/")
    auth_client.post(bulk, {"action": "delete", "ids": [saw.id]}, format="json")
    assert kept(user) == recomputed(user)
    auth_client.delete(f"/api/v1/items/trash/{saw.id}/")
    assert kept(user) == recomputed(user)
    assert auth_client.get(URL).json()["items"] == Item.objects.filter(owner=user).count()
