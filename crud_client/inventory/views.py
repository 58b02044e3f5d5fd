"""Category and item pages: each a few lines on top of the API-backed generic views."""

from common.api_views import ApiCreateView, ApiDeleteView, ApiDetailView, ApiListView, ApiUpdateView
from inventory.forms import CategoryForm, ItemFilterForm, ItemForm, category_choices


class ItemViews:
    """What every item page shares."""

    resource_name = "items"
    verbose_name = "Item"
    context_object_name = "item"


class ItemListView(ItemViews, ApiListView):
    """The user's items with search, filters, sorting and pagination."""

    template_name = "inventory/item_list.html"
    context_object_name = "items"
    filter_form_class = ItemFilterForm
    ordering_fields = ("name", "quantity", "price", "updated_at")

    def get_filter_form(self):
        """Offer the user's own categories in the filter."""
        return ItemFilterForm(self.request.GET or None, categories=category_choices(self.api))


class ItemDetailView(ItemViews, ApiDetailView):
    """One item."""

    template_name = "inventory/item_detail.html"


class ItemCreateView(ItemViews, ApiCreateView):
    """A new item."""

    form_class = ItemForm
    template_name = "inventory/item_form.html"


class ItemUpdateView(ItemViews, ApiUpdateView):
    """Edit an item."""

    form_class = ItemForm
    template_name = "inventory/item_form.html"


class ItemDeleteView(ItemViews, ApiDeleteView):
    """Delete an item after confirmation."""

    template_name = "inventory/item_confirm_delete.html"


class CategoryViews:
    """What every category page shares."""

    resource_name = "categories"
    verbose_name = "Category"
    context_object_name = "category"


class CategoryListView(CategoryViews, ApiListView):
    """The user's categories with their item counts."""

    template_name = "inventory/category_list.html"
    context_object_name = "categories"
    ordering_fields = ("name", "item_count", "updated_at")


class CategoryDetailView(CategoryViews, ApiDetailView):
    """One category."""

    template_name = "inventory/category_detail.html"


class CategoryCreateView(CategoryViews, ApiCreateView):
    """A new category."""

    form_class = CategoryForm
    template_name = "inventory/category_form.html"


class CategoryUpdateView(CategoryViews, ApiUpdateView):
    """Edit a category."""

    form_class = CategoryForm
    template_name = "inventory/category_form.html"


class CategoryDeleteView(CategoryViews, ApiDeleteView):
    """Delete a category after confirmation; the API refuses while it has items."""

    template_name = "inventory/category_confirm_delete.html"
