"""A user's stock at a glance, computed in the database: totals, value by category, and what is running low."""

from decimal import Decimal

from django.db.models import Count, DecimalField, F, Q, Sum

from inventory.models import Category, Item

LOW_STOCK_LISTED = 20
# Wide enough for a million items at the largest quantity times the largest price.
_MONEY = DecimalField(max_digits=38, decimal_places=2)


def stock_stats(owner) -> dict:
    """Return the owner's live items' totals, their value and counts by category, and the low-stock items.

    Three queries whatever the number of items: one pass over the items grouped by category (the totals are sums of
    its rows, one per category), the categories' names, and the first low-stock items by an index on quantity.
    """
    items = Item.objects.filter(owner=owner)
    groups = list(
        items.order_by()
        .values("category_id")
        .annotate(
            items=Count("pk"),
            units=Sum("quantity"),
            value=Sum(F("quantity") * F("price"), output_field=_MONEY),
            out_of_stock=Count("pk", filter=Q(quantity=0)),
            low_stock=Count("pk", filter=Q(quantity__lte=F("reorder_level"))),
        )
    )
    names = dict(Category.objects.filter(owner=owner).values_list("id", "name"))
    low_stock = items.filter(quantity__lte=F("reorder_level")).order_by("quantity", "name", "id")
    by_category = sorted(
        (
            {
                "id": group["category_id"],
                "name": names.get(group["category_id"]),
                "items": group["items"],
                "units": group["units"] or 0,
                "value": _money(group["value"]),
            }
            for group in groups
        ),
        key=lambda row: (-Decimal(row["value"]), row["name"] is None, row["name"] or ""),
    )
    return {
        "items": sum(group["items"] for group in groups),
        "categories": len(names),
        "units": sum(group["units"] or 0 for group in groups),
        "value": _money(sum((group["value"] or Decimal(0) for group in groups), Decimal(0))),
        "out_of_stock": sum(group["out_of_stock"] for group in groups),
        "low_stock_count": sum(group["low_stock"] for group in groups),
        "low_stock": list(low_stock.values("id", "name", "sku", "quantity", "reorder_level")[:LOW_STOCK_LISTED]),
        "by_category": by_category,
    }


def _money(value) -> str:
    return f"{Decimal(value or 0):.2f}"
