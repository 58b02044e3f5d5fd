"""Admin for categories and items: where staff see every user's data, and change it with the API's guarantees.

A change bumps the version as the API's writes do (so a client's stale `If-Match` gets 412), an item's change is
recorded in its history with source `admin`, and deleting an item moves it to the trash.
"""

from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect

from common.concurrency import VersionMismatch, update_versioned
from inventory.admin_forms import ItemAdminForm, VersionedAdminForm
from inventory.history import Action, Source, changes_between, record, shown_item
from inventory.models import Category, Item
from inventory.trash import item_delete_for_good, item_trash


class VersionedAdmin(admin.ModelAdmin):
    """Saves a change with the API's conditional, version-bumping UPDATE, from the version the form was opened at."""

    form = VersionedAdminForm

    def save_model(self, request, obj, form, change):
        """Insert a new row; write a change's changed fields only, if the row is still at the version opened."""
        if not change:
            super().save_model(request, obj, form, change)
            return
        loaded = form.cleaned_data.get("loaded_version")
        update_versioned(
            instance=obj,
            fields={name: getattr(obj, name) for name in form.changed_data if name != "loaded_version"},
            expected_versions=None if loaded is None else {loaded},
        )
        obj.refresh_from_db()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Show the row again, with nothing saved, when it changed between the form's check and its write."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except VersionMismatch:
            name = self.model._meta.verbose_name
            self.message_user(request, f"The {name} was changed meanwhile; nothing was saved.", messages.ERROR)
            return HttpResponseRedirect(request.path)


@admin.register(Category)
class CategoryAdmin(VersionedAdmin):
    """Search and filter categories across owners."""

    list_display = ["name", "owner", "version", "updated_at"]
    list_filter = ["owner", "created_at"]
    search_fields = ["name", "description", "owner__username"]
    list_select_related = ["owner"]
    readonly_fields = ["version", "created_at", "updated_at"]


@admin.register(Item)
class ItemAdmin(VersionedAdmin):
    """Search and filter items across owners, those in the trash too; each change is recorded in the item's history."""

    form = ItemAdminForm
    list_display = ["name", "sku", "owner", "category", "quantity", "price", "updated_at", "deleted_at"]
    list_filter = ["owner", "category", "created_at", "deleted_at"]
    search_fields = ["name", "sku", "description", "owner__username"]
    list_select_related = ["owner", "category"]
    raw_id_fields = ["category", "owner"]
    readonly_fields = ["version", "created_at", "updated_at", "deleted_at"]

    def get_queryset(self, request):
        """Show trashed items as well (the default manager hides them)."""
        return Item.all_objects.select_related(*self.list_select_related)

    def has_change_permission(self, request, obj=None):
        """Show a trashed item read-only: as in the API, it is restored before it is changed."""
        return super().has_change_permission(request, obj) and (obj is None or obj.deleted_at is None)

    def save_model(self, request, obj, form, change):
        """Write the item and its history entry (the staff user, source `admin`) in one transaction."""
        with transaction.atomic():
            before = shown_item(Item.objects.select_related("category").get(pk=obj.pk)) if change else None
            super().save_model(request, obj, form, change)
            if change:
                changes = {obj.pk: changes_between(before, shown_item(obj))}
                record(ids=[obj.pk], action=Action.UPDATED, changes=changes, **_actor(request))
            else:
                record(ids=[obj.pk], action=Action.CREATED, **_actor(request))

    def delete_model(self, request, obj):
        """Move a live item to the trash (recorded, restorable by its owner), as the API's delete does.

        An item already in the trash is deleted for good with its history, as the owner's "delete for good" does:
        removing it from there is the one delete only staff (or the purge) can make on the owner's behalf.
        """
        if obj.deleted_at is None:
            item_trash(item=obj, expected_versions=None, **_actor(request))
        else:
            item_delete_for_good(owner=obj.owner_id, pk=obj.pk)

    def delete_queryset(self, request, queryset):
        """The "delete selected" action: each selected item as `delete_model` deletes it, all in one transaction."""
        with transaction.atomic():
            for item in queryset:
                self.delete_model(request, item)

    def get_actions(self, request):
        """Name the delete action for what it does."""
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            function, name, _ = actions["delete_selected"]
            actions["delete_selected"] = (function, name, "Move selected items to the trash (trashed ones: for good)")
        return actions


def _actor(request) -> dict:
    """Return who changes items through the admin, as history records them."""
    return {"user": request.user, "source": Source.ADMIN}
