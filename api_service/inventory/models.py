"""Categories and items, each owned by one user and versioned for optimistic concurrency; pending CSV imports."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

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


class Category(Owned):
    """A user's named group of items."""

    name = models.CharField(max_length=100)
    description = models.TextField(max_length=2000, blank=True, default="")

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


class Item(Owned):
    """A stock-keeping item, optionally in one of its owner's categories."""

    name = models.CharField(max_length=200)
    sku = models.CharField("SKU", max_length=64, blank=True, default="")
    description = models.TextField(max_length=5000, blank=True, default="")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, null=True, blank=True, related_name="items")
    quantity = models.PositiveIntegerField(default=0, validators=[MaxValueValidator(MAX_QUANTITY)])
    price = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_PRICE)],
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "sku"], condition=~Q(sku=""), name="item_unique_sku_per_owner"),
        ]
        indexes = [
            models.Index(fields=["owner", "name"], name="item_owner_name"),
            models.Index(fields=["owner", "price"], name="item_owner_price"),
            models.Index(fields=["owner", "quantity"], name="item_owner_quantity"),
            models.Index(fields=["owner", "created_at"], name="item_owner_created"),
            models.Index(fields=["owner", "updated_at"], name="item_owner_updated"),
            models.Index(fields=["owner", "category"], name="item_owner_category"),
            # Keyset (?cursor=) pages: a user's first page, and the first/last id that bounds every walk
            # (common/pagination.py), are each one lookup here.
            models.Index(fields=["owner", "id"], name="item_owner_id"),
        ]

    def __str__(self):
        return self.name


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
