"""Admin for categories and items: where staff see every user's data."""

from django.contrib import admin

from inventory.models import Category, Item


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    """Search and filter categories across owners."""

    list_display = ["name", "owner", "version", "updated_at"]
    list_filter = ["owner", "created_at"]
    search_fields = ["name", "description", "owner__username"]
    list_select_related = ["owner"]
    readonly_fields = ["version", "created_at", "updated_at"]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    """Search and filter items across owners, those in the trash too."""

    list_display = ["name", "sku", "owner", "category", "quantity", "price", "updated_at", "deleted_at"]
    list_filter = ["owner", "category", "created_at", "deleted_at"]
    search_fields = ["name", "sku", "description", "owner__username"]
    list_select_related = ["owner", "category"]
    raw_id_fields = ["category", "owner"]
    readonly_fields = ["version", "created_at", "updated_at", "deleted_at"]

    def get_queryset(self, request):
        """Show trashed items as well (the default manager hides them)."""
        return Item.all_objects.select_related(*self.list_select_related)
