"""Category and item pages: each a few lines on top of the API-backed generic views."""

from django.contrib import messages

from apiclient import ApiNotFound, ApiUnavailable
from common.api_views import ApiCreateView, ApiDeleteView, ApiDetailView, ApiListView, ApiUpdateView
from common.message_actions import add_message
from common.templating import url
from inventory.category_choices import category_choices, forget_category_choices
from inventory.forms import CategoryForm, ItemFilterForm, ItemForm, SearchForm
from inventory.history_lines import history_lines
from inventory.trash_views import undo_action


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
    ordering_fields = ("name", "sku", "category", "quantity", "price", "updated_at")
    default_ordering = "name"

    def get_filter_form(self):
        """Offer the user's own categories in the filter (the list saved in the session while fresh)."""
        choices = category_choices(self.request, self.api)
        chosen = self.request.GET.get("category", "")
        if chosen and chosen not in {str(pk) for pk, _name in choices}:
            # A category made elsewhere since the list was saved: ask the API before calling the choice invalid.
            choices = category_choices(self.request, self.api, refresh=True)
        return ItemFilterForm(self.request.GET or None, categories=choices)

    def query_with(self, **changes) -> str:
        """Return this page's query string changed; "select all" stays on its page, never following a page link."""
        return super().query_with(**{"select": None, **changes})

    def get_context_data(self, **kwargs):
        """Add the links of the bulk actions' selection and of the export of what the list shows."""
        context = super().get_context_data(**kwargs)
        # "Select all on this page" works without JavaScript as a link that shows the page with every box ticked.
        context["select_all"] = self.request.GET.get("select") == "all"
        context["select_all_url"] = self.query_with(select="all")
        context["clear_selection_url"] = self.query_with(select=None)
        # Where a bulk action comes back to: this page, its boxes no longer all ticked.
        context["return_url"] = self.request.path + self.query_with().rstrip("?")
        context["export_url"] = url("items:export") + self.query_with(page=None, page_size=None, select=None)
        return context


class ItemDetailView(ItemViews, ApiDetailView):
    """One item, with its latest changes."""

    template_name = "inventory/item_detail.html"
    history_size = 20

    def get_context_data(self, **kwargs):
        """Add the item's history as sentences; the page still shows the item when the history cannot be read."""
        context = super().get_context_data(**kwargs)
        try:
            page = self.api.items.history(self.kwargs["pk"], page_size=self.history_size)
        except (ApiUnavailable, ApiNotFound):
            context["history_unavailable"] = True
            return context
        context["history"] = history_lines(page.results)
        context["history_count"] = page.count
        return context


class ItemCreateView(ItemViews, ApiCreateView):
    """A new item."""

    form_class = ItemForm
    template_name = "inventory/object_form.html"


class ItemUpdateView(ItemViews, ApiUpdateView):
    """Edit an item."""

    form_class = ItemForm
    template_name = "inventory/object_form.html"


class ItemDeleteView(ItemViews, ApiDeleteView):
    """Move an item to the trash after confirmation; the message offers to undo it."""

    template_name = "inventory/item_confirm_delete.html"

    def report_success(self, obj):
        """Say "Deleted ‘Claw hammer’." with an Undo button that restores it."""
        add_message(self.request, messages.SUCCESS, f"Deleted ‘{obj.get('name', '')}’.", undo_action([obj["id"]]))


class CategoryViews:
    """What every category page shares."""

    resource_name = "categories"
    verbose_name = "Category"
    context_object_name = "category"


class ChangesCategories:
    """A category write: the categories saved in the session for the items filter are out of date after it."""

    def form_valid(self, form):
        """Save as usual, then drop the saved category list whatever the outcome."""
        try:
            return super().form_valid(form)
        finally:
            forget_category_choices(self.request)


class CategoryListView(CategoryViews, ApiListView):
    """The user's categories with their item counts."""

    template_name = "inventory/category_list.html"
    context_object_name = "categories"
    filter_form_class = SearchForm
    ordering_fields = ("name", "item_count", "updated_at")
    default_ordering = "name"


class CategoryDetailView(CategoryViews, ApiDetailView):
    """One category."""

    template_name = "inventory/category_detail.html"


class CategoryCreateView(CategoryViews, ChangesCategories, ApiCreateView):
    """A new category."""

    form_class = CategoryForm
    template_name = "inventory/object_form.html"


class CategoryUpdateView(CategoryViews, ChangesCategories, ApiUpdateView):
    """Edit a category."""

    form_class = CategoryForm
    template_name = "inventory/object_form.html"


class CategoryDeleteView(CategoryViews, ChangesCategories, ApiDeleteView):
    """Delete a category after confirmation; the API refuses while it has items."""

    template_name = "inventory/category_confirm_delete.html"
