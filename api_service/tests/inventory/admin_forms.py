"""The Django admin's change forms as a staff member's browser posts them, for the tests of admin writes."""

ITEMS = "/admin/inventory/item/"
ITEM_FIELDS = ["owner", "name", "sku", "description", "category", "quantity", "price", "reorder_level"]


def admin_form(row, fields, **changes) -> dict:
    """Return the row's change form as the admin page posts `fields`, opened at the row's version, with `changes`."""
    values = {name: getattr(row, row._meta.get_field(name).attname) for name in fields}
    return {
        **{name: "" if value is None else value for name, value in values.items()},
        "loaded_version": row.version,
        **changes,
    }


def item_form(item, **changes) -> dict:
    """Return the item's change form with `changes`."""
    return admin_form(item, ITEM_FIELDS, **changes)


def change_item(admin_client, item, **changes):
    """Post the item's change form with `changes`, as the admin's Save button does."""
    return admin_client.post(f"{ITEMS}{item.pk}/change/", item_form(item, **changes))
