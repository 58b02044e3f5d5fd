"""Serializers for categories and items; owner, id, version and timestamps are never writable."""

from rest_framework import serializers

from inventory.models import MAX_PRICE, MAX_QUANTITY, Category, Item

_READ_ONLY = ["id", "version", "created_at", "updated_at"]


class OwnedSerializer(serializers.ModelSerializer):
    """Base for owned rows: knows the caller, to scope uniqueness checks and related ids."""

    @property
    def owner(self):
        """Return the user making the request."""
        return self.context["request"].user

    def others_of_owner(self, model):
        """Return the caller's other rows of `model` (excluding the one being edited)."""
        rows = model.objects.filter(owner=self.owner)
        return rows.exclude(pk=self.instance.pk) if self.instance is not None else rows


class CategorySerializer(OwnedSerializer):
    """A category with the number of items in it."""

    item_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Category
        fields = ["id", "name", "description", "item_count", "version", "created_at", "updated_at"]
        read_only_fields = _READ_ONLY
        extra_kwargs = {"name": {"min_length": 1}}

    def validate_name(self, value):
        """Refuse a name the caller already uses, in any letter case."""
        if self.others_of_owner(Category).filter(name__iexact=value).exists():
            raise serializers.ValidationError("You already have a category with this name.")
        return value


class OwnCategoryField(serializers.PrimaryKeyRelatedField):
    """A category id that must belong to the caller; anyone else's id does not exist."""

    def get_queryset(self):
        """Return the caller's categories only."""
        return Category.objects.filter(owner=self.context["request"].user)


class ItemSerializer(OwnedSerializer):
    """An item with its category's name."""

    category = OwnCategoryField(allow_null=True, required=False)
    # No `default`: with one, DRF leaves the field out of PATCH responses for items without a category.
    category_name = serializers.CharField(source="category.name", read_only=True, allow_null=True)
    quantity = serializers.IntegerField(min_value=0, max_value=MAX_QUANTITY, default=0)
    price = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0, max_value=MAX_PRICE, default="0.00")

    class Meta:
        model = Item
        fields = [
            "id",
            "name",
            "sku",
            "description",
            "category",
            "category_name",
            "quantity",
            "price",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = _READ_ONLY
        extra_kwargs = {"name": {"min_length": 1}}

    def validate_sku(self, value):
        """Refuse a non-blank SKU the caller already uses."""
        if value and self.others_of_owner(Item).filter(sku=value).exists():
            raise serializers.ValidationError("You already have an item with this SKU.")
        return value
