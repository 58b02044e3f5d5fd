"""Serializers for categories, items and bulk actions; owner, id, version and timestamps are never writable."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from inventory.bulk import ACTIONS, MAX_IDS
from inventory.history_records import ItemChange
from inventory.models import MAX_PRICE, MAX_QUANTITY, Category, HistoricalItem, Item
from inventory.trash import purge_at

_READ_ONLY = ["id", "version", "created_at", "updated_at"]
# What a caller is told when a unique name or SKU is theirs already (also after losing a race to the constraint).
CATEGORY_NAME_TAKEN = "You already have a category with this name."
SKU_TAKEN = "You already have an item with this SKU."


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
        if self.others_of_owner(Category).named(value).exists():
            raise serializers.ValidationError(CATEGORY_NAME_TAKEN)
        return value


@extend_schema_field(OpenApiTypes.INT)  # its queryset is the caller's, so the schema cannot infer the type alone
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
    reorder_level = serializers.IntegerField(
        min_value=0, max_value=MAX_QUANTITY, default=0, help_text="Stock is low at or below this quantity."
    )

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
            "reorder_level",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = _READ_ONLY
        extra_kwargs = {"name": {"min_length": 1}}

    def validate_sku(self, value):
        """Refuse a non-blank SKU the caller already uses."""
        if value and self.others_of_owner(Item).holding_skus([value]).exists():
            raise serializers.ValidationError(SKU_TAKEN)
        return value


class PurgeAtField(serializers.DateTimeField):
    """A trashed item's `deleted_at` shown as when the purge deletes it for good (see inventory.trash.purge_at)."""

    def to_representation(self, value):
        """Return the deletion time plus the trash's retention, in the API's date-time format."""
        return super().to_representation(purge_at(value))


class TrashedItemSerializer(ItemSerializer):
    """An item in the trash: its fields as they were, when it was deleted, and when it goes for good."""

    purge_at = PurgeAtField(
        source="deleted_at",
        read_only=True,
        help_text="When the item is due to be deleted for good: `deleted_at` plus `API_TRASH_DAYS` days. The "
        "scheduled `purge_trash` deletes it at its first run after this moment; until then it can be restored.",
    )

    class Meta(ItemSerializer.Meta):
        fields = [*ItemSerializer.Meta.fields, "deleted_at", "purge_at"]
        read_only_fields = ItemSerializer.Meta.fields


class ItemRowSerializer(ItemSerializer):
    """One row of a CSV import: the item's own fields and rules, with its category given by name.

    Rows are matched to the caller's items by SKU, so a row's SKU is either that item's own or not used yet; the
    import checks that no two rows share one, instead of a query per row.
    """

    category = serializers.CharField(
        max_length=Category._meta.get_field("name").max_length, allow_blank=True, required=False
    )

    class Meta(ItemSerializer.Meta):
        fields = ["sku", "name", "description", "category", "quantity", "price"]

    def validate_sku(self, value):
        """Accept the SKU as it is (see the class docstring)."""
        return value


class ItemIdsSerializer(serializers.Serializer):
    """Some of the caller's items, by id."""

    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        allow_empty=False,
        help_text=f"At most {MAX_IDS}; repeated ids count once.",
    )

    def validate_ids(self, value):
        """Drop repeated ids (keeping the first order) and refuse more than the limit."""
        unique = list(dict.fromkeys(value))
        if len(unique) > MAX_IDS:
            raise serializers.ValidationError(f"At most {MAX_IDS} ids per call.")
        return unique


class ItemBulkSerializer(ItemIdsSerializer):
    """A bulk action on some of the caller's items: which action, which items, and the action's argument."""

    action = serializers.ChoiceField(choices=ACTIONS)
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        allow_empty=False,
        help_text=f"The items to act on, at most {MAX_IDS}; repeated ids count once.",
    )
    category = OwnCategoryField(
        allow_null=True, required=False, help_text="`set_category`: the category to move them to (null: none)."
    )
    delta = serializers.IntegerField(
        min_value=-MAX_QUANTITY,
        max_value=MAX_QUANTITY,
        required=False,
        help_text="`adjust_quantity`: the amount to add to each item's quantity (negative to take away).",
    )
    versions = serializers.DictField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text='Optional: `{"<id>": version}` as you loaded them; any other current version answers 412.',
    )

    def validate_versions(self, value):
        """Turn the keys (JSON object keys are strings) into item ids."""
        try:
            return {int(key): version for key, version in value.items()}
        except ValueError:
            raise serializers.ValidationError("Keys must be item ids.") from None

    def validate_delta(self, value):
        """Refuse an adjustment that changes nothing."""
        if value == 0:
            raise serializers.ValidationError("Must not be zero.")
        return value

    def validate(self, attrs):
        """Require the argument of the chosen action, and versions only for listed ids."""
        needed = {"set_category": "category", "adjust_quantity": "delta"}.get(attrs["action"])
        if needed and needed not in attrs:
            raise serializers.ValidationError({needed: [f"This field is required for {attrs['action']}."]})
        strangers = sorted(set(attrs.get("versions", {})) - set(attrs["ids"]))
        if strangers:
            raise serializers.ValidationError({"versions": [f"Not among ids: {', '.join(map(str, strangers))}."]})
        return attrs


class ItemVersionSerializer(serializers.Serializer):
    """An item's id and version."""

    id = serializers.IntegerField()
    version = serializers.IntegerField()


class ItemBulkResultSerializer(serializers.Serializer):
    """What a bulk action did: the action, how many items, and each item's version after it."""

    action = serializers.ChoiceField(choices=ACTIONS)
    count = serializers.IntegerField()
    items = ItemVersionSerializer(many=True)


class ImportErrorSerializer(serializers.Serializer):
    """A problem with one line of an import: the column it is in (null: the whole line) and what is wrong."""

    line = serializers.IntegerField()
    field = serializers.CharField(allow_null=True)
    message = serializers.CharField()


class ImportCreateSerializer(serializers.Serializer):
    """A line of an import that will create an item."""

    line = serializers.IntegerField()
    sku = serializers.CharField()
    name = serializers.CharField()
    category = serializers.CharField(allow_null=True)
    quantity = serializers.IntegerField()
    price = serializers.CharField()


class ImportUpdateSerializer(serializers.Serializer):
    """A line of an import that will change one of your items: each changed field's old and new value."""

    line = serializers.IntegerField()
    id = serializers.IntegerField()
    sku = serializers.CharField()
    name = serializers.CharField()
    changes = serializers.DictField(
        child=serializers.ListField(child=serializers.JSONField(), min_length=2, max_length=2),
        help_text='`{"price": ["12.50", "13.00"]}`: old and new value by field, as the API shows them.',
    )


class ItemImportReportSerializer(serializers.Serializer):
    """An import's preview: what committing it will do, and what is wrong with the file."""

    id = serializers.CharField()
    status = serializers.ChoiceField(choices=["pending", "committed"])
    expires = serializers.DateTimeField()
    rows = serializers.IntegerField(help_text="Lines with an item in the file (blank lines are skipped).")
    create = serializers.IntegerField()
    update = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = ImportErrorSerializer(many=True, help_text="By line; the first 1,000.")
    error_count = serializers.IntegerField(help_text="Every error, listed or not.")
    unknown_columns = serializers.ListField(child=serializers.CharField(), help_text="Columns the import ignores.")
    categories_to_create = serializers.ListField(child=serializers.CharField())
    to_create = ImportCreateSerializer(many=True, help_text="The first 20.")
    to_update = ImportUpdateSerializer(many=True, help_text="The first 20.")


class ItemImportResultSerializer(serializers.Serializer):
    """What committing an import did."""

    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    categories_created = serializers.IntegerField()


class ItemRestoreResultSerializer(serializers.Serializer):
    """What a batch restore did: how many items, and each one's version now."""

    count = serializers.IntegerField()
    items = ItemVersionSerializer(many=True)


class FieldChangeSerializer(serializers.Serializer):
    """One field an update changed, with its value before and after, as the API shows it (a category by name)."""

    field = serializers.CharField()
    old = serializers.JSONField()
    new = serializers.JSONField()


class HistoryItemSerializer(serializers.Serializer):
    """The item an entry is about, as it was named then."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class HistoryEntrySerializer(serializers.ModelSerializer):
    """One change to an item: when, by whom, what happened, through what, and (updates) which fields changed."""

    id = serializers.IntegerField(source="history_id")
    when = serializers.DateTimeField(source="history_date")
    user = serializers.CharField(source="history_user.username", allow_null=True, default=None)
    action = serializers.ChoiceField(choices=ItemChange.Action.choices)
    source = serializers.ChoiceField(
        choices=ItemChange.Source.choices,
        help_text="`web`: the web app; `api`: a direct API call; `bulk`: a bulk action or batch restore; "
        "`import`: a CSV import; `admin`: staff, in the Django admin.",
    )
    changes = FieldChangeSerializer(many=True, help_text="Updates only; empty otherwise.")
    item = serializers.SerializerMethodField()

    class Meta:
        model = HistoricalItem
        fields = ["id", "when", "user", "action", "source", "changes", "item"]
        read_only_fields = fields

    @extend_schema_field(HistoryItemSerializer)
    def get_item(self, entry) -> dict:
        """Return the item's id and its name at the time."""
        return {"id": entry.id, "name": entry.name}


class LowStockItemSerializer(serializers.Serializer):
    """An item at or below its reorder level."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    sku = serializers.CharField()
    quantity = serializers.IntegerField()
    reorder_level = serializers.IntegerField()


class CategoryStatsSerializer(serializers.Serializer):
    """One category's share of the stock (`id` and `name` null: items without a category)."""

    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField(allow_null=True)
    items = serializers.IntegerField()
    units = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=38, decimal_places=2)


class StatsSerializer(serializers.Serializer):
    """The caller's stock at a glance (live items only)."""

    items = serializers.IntegerField()
    categories = serializers.IntegerField()
    units = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=38, decimal_places=2, help_text="Σ quantity × price.")
    out_of_stock = serializers.IntegerField()
    low_stock_count = serializers.IntegerField()
    low_stock = LowStockItemSerializer(many=True, help_text="The first 20, lowest quantity first.")
    by_category = CategoryStatsSerializer(many=True, help_text="Categories with items, highest value first.")
