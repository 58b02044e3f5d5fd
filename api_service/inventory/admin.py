"""Admin for categories and items: where staff see every user's data, and change it with the API's guarantees.

A change bumps the version as the API's writes do (so a client's stale `If-Match` gets 412), an item's change is
recorded in its history with source `admin`, deleting an item moves it to the trash, and a category is deleted
(or refused) by the API's own service.
"""

from django.contrib import admin, messages
from django.contrib.admin import actions
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from common.concurrency import VersionMismatch, update_versioned
from common.exceptions import Conflict
from common.viewsets import CONFLICTS_WITH_EXISTING
from inventory.admin_forms import CategoryAdminForm, ItemAdminForm, VersionedAdminForm
from inventory.history import Action, Source, changes_between, record, shown_item
from inventory.models import Category, Item
from inventory.services import category_delete, category_delete_refusal
from inventory.trash import item_delete_for_good, item_trash


class WriteRefused(Exception):
    """The database refused a write the form had checked: another writer took a unique value in between."""


class VersionedAdmin(admin.ModelAdmin):
    """Saves a change with the API's conditional, version-bumping UPDATE, from the version the form was opened at."""

    form = VersionedAdminForm

    def save_model(self, request, obj, form, change):
        """Write the row; raise WriteRefused when a unique constraint refuses it."""
        try:
            self._write(obj, form, change)
        except IntegrityError:
            raise WriteRefused from None

    def _write(self, obj, form, change):
        """Insert a new row; write a change's changed fields only, if the row is still at the version opened."""
        if not change:
            obj.save()
            return
        loaded = form.cleaned_data.get("loaded_version")
        update_versioned(
            instance=obj,
            fields={name: getattr(obj, name) for name in form.changed_data if name != "loaded_version"},
            expected_versions=None if loaded is None else {loaded},
        )
        obj.refresh_from_db()

    def delete_queryset(self, request, queryset):
        """The "delete selected" action: each row as the admin's `delete_model` deletes it, all in one transaction
        (Django's own would delete the rows in one query, past the services the subclasses delete through)."""
        with transaction.atomic():
            for row in queryset:
                self.delete_model(request, row)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Show the form again, with the user's values and nothing saved, when the row or a unique value changed
        after the form's checks: its checks, run again, now see the other writer's work and say what clashed."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (VersionMismatch, WriteRefused):
            pass  # the admin's transaction rolled back; the other writer's row is committed and visible now
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except VersionMismatch:
            name = self.model._meta.verbose_name
            self.message_user(request, f"The {name} was changed meanwhile; nothing was saved.", messages.ERROR)
        except WriteRefused:
            # Refused twice with the form valid both times: a clash none of the form's checks can name.
            self.message_user(request, f"Nothing was saved: {CONFLICTS_WITH_EXISTING}", messages.ERROR)
        return HttpResponseRedirect(request.path)


@admin.register(Category)
class CategoryAdmin(VersionedAdmin):
    """Search and filter categories across owners; deleting one follows the API's rule (no live items left)."""

    form = CategoryAdminForm
    list_display = ["name", "owner", "version", "updated_at"]
    list_filter = ["owner", "created_at"]
    search_fields = ["name", "description", "owner__username"]
    list_select_related = ["owner"]
    readonly_fields = ["version", "created_at", "updated_at"]
    actions = ["delete_selected"]

    def get_deleted_objects(self, objs, request):
        """Refuse (Conflict) while a category has live items; items in the trash only lose it, so none is protected."""
        for category in objs:
            _refuse_if(category, category_delete_refusal(category))
        deleted, model_count, perms_needed, _trashed_items = super().get_deleted_objects(objs, request)
        return deleted, model_count, perms_needed, []

    def delete_model(self, request, obj):
        """Delete the category as the API does: refused while it has live items, taken off trashed ones."""
        try:
            category_delete(category=obj, delete=obj.delete)
        except Conflict as conflict:  # an item filed into it since the confirmation page
            _refuse_if(obj, str(conflict.detail))

    def delete_view(self, request, object_id, extra_context=None):
        """Go back to the category, with the reason and nothing deleted, when it still has live items."""
        try:
            return super().delete_view(request, object_id, extra_context)
        except Conflict as refusal:
            self.message_user(request, str(refusal.detail), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:inventory_category_change", args=[object_id]))

    @admin.action(permissions=["delete"], description="Delete selected categories")
    def delete_selected(self, request, queryset):
        """Django's "delete selected", refused as a whole, with the reason, while a selected category has live items."""
        try:
            with transaction.atomic():  # the deletions and their log entries
                return actions.delete_selected(self, request, queryset)
        except Conflict as refusal:
            self.message_user(request, f"{refusal.detail} Nothing was deleted.", messages.ERROR)
            return None


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

    def get_actions(self, request):
        """Name the delete action for what it does, and let its confirmation page say which items go where."""
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _, name, _ = actions["delete_selected"]
            actions["delete_selected"] = (
                _trash_selected,
                name,
                "Move selected items to the trash (trashed ones: for good)",
            )
        return actions


@admin.action(permissions=["delete"])
def _trash_selected(modeladmin, request, queryset):
    """Django's "delete selected" (each item through `delete_model`), its confirmation page listing the live items
    that move to the trash apart from the trashed ones deleted for good, instead of "will be deleted" for all."""
    response = actions.delete_selected(modeladmin, request, queryset)
    if isinstance(response, TemplateResponse):  # the confirmation page, not yet rendered
        context = response.context_data
        selected = list(queryset.select_related("owner").order_by("name", "pk"))
        context["to_trash"] = [item for item in selected if item.deleted_at is None]
        context["for_good"] = [item for item in selected if item.deleted_at is not None]
        if not (context.get("perms_lacking") or context.get("protected")):
            # The heading, the browser's title, the breadcrumb and the button name what happens, not "Delete
            # multiple objects" and "Yes, I'm sure".
            wording = DELETE_SELECTED_WORDING[bool(context["to_trash"]), bool(context["for_good"])]
            context["title"], context["confirm_label"] = wording
    return response


# (any live items, any trashed items): the page's title and its button.
DELETE_SELECTED_WORDING = {
    (True, False): ("Move items to the trash", "Move to the trash"),
    (False, True): ("Delete items for good", "Delete for good"),
    (True, True): ("Move items to the trash and delete trashed ones for good", "Trash and delete"),
}


def _refuse_if(category: Category, refusal: str | None) -> None:
    """Raise Conflict naming the category, when there is a reason to refuse deleting it."""
    if refusal:
        raise Conflict(f"The category “{category}” was not deleted. {refusal}")


def _actor(request) -> dict:
    """Return who changes items through the admin, as history records them."""
    return {"user": request.user, "source": Source.ADMIN}
