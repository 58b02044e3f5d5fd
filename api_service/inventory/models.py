"""Categories and items, each owned by one user and versioned for optimistic concurrency; items' trash and history;
pending CSV imports."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from inventory.history_records import HistoryWrittenByServices, ItemChange

MAX_QUANTITY = 2_147_483_647
MAX_PRICE = Decimal("99999999.99")


class Owned(models.Model):
    """Fields every owned, versioned record shares."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class CategoryQuerySet(models.QuerySet):
    """Categories, looked up by name the way their unique constraint compares names."""

    def named(self, name: str):
        """Return the categories called `name` in any letter case (the constraint is on the lower-cased name)."""
        return self.filter(name__iexact=name)


class Category(Owned):
    """A user's named group of items."""

    name = models.CharField(max_length=100)
    description = models.TextField(max_length=2000, blank=True, default="")

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint("owner", Lower("name"), name="category_unique_name_per_owner"),
        ]
        # Each listing filters on the owner first, then sorts: one composite index per ordering.
        indexes = [
            models.Index(fields=["owner", "name"], name="category_owner_name"),
            models.Index(fields=["owner", "created_at"], name="category_owner_created"),
            models.Index(fields=["owner", "updated_at"], name="category_owner_updated"),
            models.Index(fields=["owner", "id"], name="category_owner_id"),  # keyset (?cursor=) pages
        ]

    def __str__(self):
        return self.name


class ItemQuerySet(models.QuerySet):
    """Items split by whether they are in the trash."""

    def live(self):
        """Return the items not in the trash."""
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        """Return the items in the trash."""
        return self.filter(deleted_at__isnull=False)

    def holding_skus(self, skus):
        """Return the items whose SKU is one of `skus`, found through the partial unique index on (owner, SKU).

        The index covers non-blank SKUs only, and the databases use it only when `sku <> ''` is spelled out: SQLite
        always, PostgreSQL for IN lists of over 100 values. Without it each lookup read every item of the owner.
        """
        return self.filter(sku__in=skus).exclude(sku="")


class LiveItemManager(models.Manager.from_queryset(ItemQuerySet)):
    """The default manager: trashed items are hidden from every listing, count, export, lookup and form."""

    def get_queryset(self):
        """Return the live items only."""
        return super().get_queryset().live()


# Listings and counts always say `deleted_at IS NULL`, so their indexes leave trashed rows out: PostgreSQL then still
# answers a user's COUNT(*) from an index alone, and the trash costs those queries nothing.
_LIVE = Q(deleted_at__isnull=True)


class Item(Owned):
    """A stock-keeping item, optionally in one of its owner's categories; in the trash while `deleted_at` is set."""

    # Neither foreign key has an index of its own: item_category_owner serves both (see Meta).
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False)
    name = models.CharField(max_length=200)
    sku = models.CharField("SKU", max_length=64, blank=True, default="")
    description = models.TextField(max_length=5000, blank=True, default="")
    # PROTECT guards live items; a category's trashed items lose it when it goes (inventory/services.py).
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="items", db_index=False
    )
    quantity = models.PositiveIntegerField(default=0, validators=[MaxValueValidator(MAX_QUANTITY)])
    price = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_PRICE)],
    )
    reorder_level = models.PositiveIntegerField(
        default=0,
        validators=[MaxValueValidator(MAX_QUANTITY)],
        help_text="Stock is low when the quantity is at or below this.",
    )
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False, help_text="When it went to the trash.")

    objects = LiveItemManager()
    all_objects = models.Manager.from_queryset(ItemQuerySet)()
    history = HistoryWrittenByServices(
        bases=[ItemChange],
        history_id_field=models.BigAutoField(primary_key=True),  # entries outnumber items many times over
        # Entries are read by owner or by item, newest first: the composite indexes of ItemChange serve both.
        no_db_index=["id", "owner", "category"],
    )

    # Every index costs each create, update, import and delete, so each one here is kept for a query it serves,
    # measured at 1,000,000 items on PostgreSQL (docs/performance.md, "Indexes of the items table"), and
    # tests/inventory/test_item_indexes.py pins the set. On PostgreSQL migration 0006 adds inventory_item_search
    # (the GIN trigram index of `?search=`); on SQLite migration 0009 serves it from an FTS5 table, kept by triggers
    # on this one. No index serves `?ordering=sku` or `?ordering=category`: their sort keys (blank SKUs last, the
    # category's name) are not columns of this table.
    class Meta:
        constraints = [
            # Only live items hold their SKU: a trashed item's SKU may be given to a new one. Also the import's
            # SKU lookup (inventory/imports.py) and the restore's SKU check.
            models.UniqueConstraint(
                fields=["owner", "sku"], condition=~Q(sku="") & _LIVE, name="item_unique_live_sku_per_owner"
            ),
        ]
        indexes = [
            # `?ordering=name`, the list's default order, either way.
            models.Index(fields=["owner", "name"], condition=_LIVE, name="item_owner_name"),
            # `?ordering=price` and `?min_price=`/`?max_price=`.
            models.Index(fields=["owner", "price"], condition=_LIVE, name="item_owner_price"),
            # `?ordering=quantity` and `?in_stock=`.
            models.Index(fields=["owner", "quantity"], condition=_LIVE, name="item_owner_quantity"),
            # `?ordering=created_at`.
            models.Index(fields=["owner", "created_at"], condition=_LIVE, name="item_owner_created"),
            # `?ordering=updated_at`.
            models.Index(fields=["owner", "updated_at"], condition=_LIVE, name="item_owner_updated"),
            # Keyset (?cursor=) pages, and the last id that bounds each walk (common/pagination.py): without it
            # the bound of a user whose items are older than most others' reads every newer row. SQLite also
            # counts a user's items (every numbered page's count) here without reading the rows.
            models.Index(fields=["owner", "id"], condition=_LIVE, name="item_owner_id"),
            # Each category's item count on the categories list, and `?category=`, from the index alone. Over
            # every row, trashed too, so that it also serves the category foreign key (the PROTECT check, the
            # database's own check, a deleted category's trashed items) and, read whole, the owner foreign key
            # when an account is deleted: neither key has an index of its own.
            models.Index(fields=["category", "owner", "deleted_at"], name="item_category_owner"),
            # The trash, newest deletion first, and the purge of old deletions. Holds trashed rows only, so
            # writes to live items do not touch it.
            models.Index(fields=["owner", "deleted_at"], condition=~_LIVE, name="item_owner_trashed"),
            # The dashboard's low-stock list, lowest quantity first: its first rows, not a sort of every item.
            # Holds low-stock rows only.
            models.Index(
                fields=["owner", "quantity", "name", "id"],
                condition=_LIVE & Q(quantity__lte=F("reorder_level")),
                name="item_owner_low_stock",
            ),
        ]

    def __str__(self):
        return self.name


class StockSummary(models.Model):
    """Running totals of one user's live items in one category (`category_key` 0: none), for the dashboard.

    Database triggers on the items table keep them (migration 0005), whatever writes the items: the API, the
    import's SQL, the admin, a bulk load. Summing a million items took a second; these rows take a millisecond.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The category's id, or 0: a unique constraint treats NULLs as distinct, so "no category" needs a value.
    category_key = models.BigIntegerField()
    items = models.BigIntegerField(default=0)
    units = models.BigIntegerField(default=0)
    value_cents = models.DecimalField(max_digits=40, decimal_places=0, default=0, help_text="Σ quantity × price × 100")
    out_of_stock = models.BigIntegerField(default=0)
    low_stock = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "category_key"], name="stock_summary_unique_owner_category"),
        ]

    def __str__(self):
        return f"{self.owner_id}/{self.category_key}"


def _public_id() -> str:
    return secrets.token_urlsafe(16)


class ItemImport(models.Model):
    """A user's CSV upload of items: validated, previewed, and kept an hour to be committed (once)."""

    class Status(models.TextChoices):
        PENDING = "pending"
        COMMITTED = "committed"

    # Random, so one user's import id says nothing about anyone else's.
    id = models.CharField(primary_key=True, max_length=32, default=_public_id, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    rows = models.JSONField(help_text="The file's valid rows as validated values, with their line numbers.")
    report = models.JSONField(help_text="What committing would do, as the preview shows it.")
    outcome = models.CharField(max_length=64, help_text="SHA-256 of what committing would do, to notice changes.")

    class Meta:
        indexes = [models.Index(fields=["owner", "created_at"], name="itemimport_owner_created")]

    def __str__(self):
        return self.id
