"""A user's stock at a glance, from the database: totals, value by category, and what is running low."""

from decimal import Decimal

from django.db.models import F

from inventory.models import Category, Item, StockSummary

LOW_STOCK_LISTED = 20
_CENT = Decimal("0.01")


def stock_stats(owner) -> dict:
    """Return the owner's live items' totals, their value and counts by category, and the low-stock items.

    Three small queries whatever the number of items: the running totals per category, which database triggers keep
    (`StockSummary`), the categories' names, and the first low-stock items through a partial index of them.
    """
    groups = list(
        StockSummary.objects.filter(owner=owner, items__gt=0).values(
            "category_key", "items", "units", "value_cents", "out_of_stock", "low_stock"
        )
    )
    names = dict(Category.objects.filter(owner=owner).values_list("id", "name"))
    low_stock = Item.objects.filter(owner=owner, quantity__lte=F("reorder_level")).order_by("quantity", "name", "id")
    by_category = sorted(
        (
            {
                "id": group["category_key"] or None,
                "name": names.get(group["category_key"]),
                "items": group["items"],
                "units": group["units"],
                "value": _money(group["value_cents"]),
            }
            for group in groups
        ),
        key=lambda row: (-Decimal(row["value"]), row["name"] is None, row["name"] or ""),
    )
    return {
        "items": sum(group["items"] for group in groups),
        "categories": len(names),
        "units": sum(group["units"] for group in groups),
        "value": _money(sum((group["value_cents"] for group in groups), Decimal(0))),
        "out_of_stock": sum(group["out_of_stock"] for group in groups),
        "low_stock_count": sum(group["low_stock"] for group in groups),
        "low_stock": list(low_stock.values("id", "name", "sku", "quantity", "reorder_level")[:LOW_STOCK_LISTED]),
        "by_category": by_category,
    }


def _money(cents) -> str:
    return f"{(Decimal(cents) * _CENT).quantize(_CENT)}"
