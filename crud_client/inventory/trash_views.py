"""The trash: deleted items kept as long as the API says; restore one (the Undo after a delete), restore a batch
(the Undo after a bulk delete), or delete one for good after a confirmation."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View

from apiclient import ApiConflict, ApiNotFound, ApiValidationError
from common.api_views import ApiClientMixin, ApiDeleteView, ApiListView
from common.message_actions import MessageAction, add_message
from common.next_url import safe_next_url

MAX_RESTORED = 1000  # the API's batch limit


class TrashViews:
    """What every trash page shares."""

    resource_name = "trash"
    verbose_name = "Item"
    context_object_name = "item"


class TrashListView(TrashViews, ApiListView):
    """The user's deleted items, newest deletion first, each with Restore and Delete for good."""

    template_name = "inventory/trash_list.html"
    context_object_name = "items"


class TrashDeleteView(TrashViews, ApiDeleteView):
    """Delete a trashed item for good, after a page that says it cannot be undone."""

    template_name = "inventory/trash_confirm_delete.html"
    success_message = "Deleted ‘{name}’ for good."

    def save(self, form) -> dict:
        """DELETE the trashed item for good."""
        obj = self.get_object()
        self.api.trash.delete(self.kwargs["pk"])
        return obj

    def get_success_url(self):
        """Go back to the trash."""
        return reverse("items:trash")


class ItemRestoreView(LoginRequiredMixin, ApiClientMixin, View):
    """Bring one item back from the trash: the Undo after deleting it, or Restore on the trash page."""

    def post(self, request, pk):
        """Restore, then go back to the page the button was on; a SKU taken meanwhile is explained."""
        back = safe_next_url(request, reverse("items:trash"))
        try:
            item = self.api.trash.restore(pk)
        except ApiConflict as exc:
            messages.error(request, exc.detail or "This item cannot be restored now.")
            return redirect("items:trash")
        except ApiNotFound:
            messages.error(request, "That item is no longer in the trash.")
            return redirect(back)
        view = MessageAction("View", reverse("items:detail", kwargs={"pk": item["id"]}))
        add_message(request, messages.SUCCESS, f"Restored ‘{item.get('name', '')}’.", view)
        return redirect(back)


class TrashRestoreManyView(LoginRequiredMixin, ApiClientMixin, View):
    """Bring a batch back from the trash, all or none: the Undo after a bulk delete."""

    def post(self, request):
        """Restore the posted ids ("5,6,7"), then go back to the page the button was on."""
        back = safe_next_url(request, reverse("items:list"))
        ids = [int(part) for part in request.POST.get("ids", "").split(",") if part.isascii() and part.isdigit()]
        if not ids:
            return redirect(back)
        try:
            result = self.api.trash.restore_many(ids[:MAX_RESTORED])
        except ApiConflict as exc:
            messages.error(request, f"Nothing was restored. {exc.detail}".strip())
            return redirect("items:trash")
        except ApiValidationError as exc:
            messages.error(request, f"Nothing was restored: {exc.detail}")
            return redirect("items:trash")
        count = result.get("count", len(ids))
        messages.success(request, f"Restored {count:,} item{'s' if count != 1 else ''}.")
        return redirect(back)


def undo_action(ids: list[int]) -> MessageAction:
    """Return the Undo button of a message about deleting `ids`: one item restores alone, more as a batch."""
    if len(ids) == 1:
        return MessageAction("Undo", reverse("items:restore", kwargs={"pk": ids[0]}), "post")
    return MessageAction("Undo", reverse("items:trash_restore"), "post", {"ids": ",".join(map(str, ids))})
