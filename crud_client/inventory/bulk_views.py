"""Bulk actions on the items ticked on one page of the list: delete, move to a category, adjust the quantity.

The list posts its selection here; the first post shows the action's page (what will change, and the action's
own fields), carrying the selection in hidden fields; confirming that page applies the action through the API,
all or nothing, and goes back to the list the selection came from.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views.generic import FormView

from apiclient import ApiPreconditionFailed
from common.api_views import ApiSubmitMixin
from common.message_actions import add_message
from inventory.bulk_forms import BulkAdjustForm, BulkDeleteForm, BulkMoveForm, ItemSelection
from inventory.category_choices import category_choices
from inventory.trash_views import undo_action

CONFIRM = "confirm"  # posted by the action's own page, never by the list
NOTHING_SELECTED = "Select at least one item on the page first."


class ItemBulkActionView(LoginRequiredMixin, ApiSubmitMixin, FormView):
    """Show a bulk action's page for the posted selection, and apply the action when that page is confirmed."""

    template_name = "inventory/item_bulk_form.html"
    action = ""  # the API's name of the action
    title = ""  # "Delete {items}?", filled with the selection's description
    button_label = ""
    button_kind = ""
    note = ""

    def get(self, request, *args, **kwargs):
        """Go to the list: a selection only ever arrives by POST."""
        return redirect("items:list")

    def post(self, request, *args, **kwargs):
        """Show the action's page for a selection from the list; apply it when that page is confirmed."""
        self.selection = ItemSelection.from_post(request)
        if not self.selection:
            messages.error(request, NOTHING_SELECTED)
            return redirect(self.selection.next_url)
        form = self.get_form()
        if not form.is_bound:
            return self.render_to_response(self.get_context_data(form=form))
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def form_invalid(self, form):
        """Redisplay the action's page with its errors, answering 400."""
        return self.form_failed(form, 400)

    def get_form_kwargs(self):
        """Bind the form only to the action page's own post; give the move form the user's categories."""
        kwargs = super().get_form_kwargs()
        if CONFIRM not in self.request.POST:
            kwargs.pop("data", None)
            kwargs.pop("files", None)
            kwargs["initial"] = {**kwargs.get("initial", {}), "idempotency_key": uuid.uuid4().hex}
        if self.form_class.needs_categories:
            kwargs["categories"] = category_choices(self.request, self.api)
        return kwargs

    def get_context_data(self, **kwargs):
        """Add the selection, the page's title and its button, which repeats the verb and the count."""
        kwargs.update(
            selection=self.selection,
            title=self.title.format(items=self.selection.describe()),
            button_label=self.button_label.format(items=self.selection.describe()),
            button_kind=self.button_kind,
            note=self.note,
            confirm=CONFIRM,
        )
        return super().get_context_data(**kwargs)

    def submit(self, form):
        """Apply the action to the whole selection, or show which items changed since the list was shown."""
        try:
            result = self.api.items.bulk(
                self.action,
                self.selection.ids,
                versions=self.selection.versions,
                idempotency_key=form.cleaned_data.get("idempotency_key") or None,
                **self.action_arguments(form),
            )
        except ApiPreconditionFailed as exc:
            return self.changed_meanwhile(form, exc)
        self.done(form, result)
        return redirect(self.selection.next_url)

    def action_arguments(self, form) -> dict:
        """Return what the API needs besides the ids (a category, a delta)."""
        return {}

    def done(self, form, result: dict) -> None:
        """Say what happened, in one sentence naming the items."""
        raise NotImplementedError

    def changed_meanwhile(self, form, exc: ApiPreconditionFailed):
        """Change nothing, name the items someone changed, and let a second confirmation act on them as they are."""
        current = exc.current or {}
        changed = [
            item.name
            for item in self.selection.items
            if str(item.id) in current and current[str(item.id)] != item.version
        ]
        self.selection.move_to_versions(current)
        who = ", ".join(f"‘{name}’" for name in changed) or "Some of these items"
        banner = (
            f"{who} changed since the list was shown, so nothing was done. "
            "Check the items, then confirm again to go ahead with them as they are now."
        )
        return self.form_failed(form, 409, banner=banner)


class ItemBulkDeleteView(ItemBulkActionView):
    """Delete the selected items after a page that lists every one of them."""

    form_class = BulkDeleteForm
    action = "delete"
    title = "Delete {items}?"
    button_label = "Delete {items}"
    button_kind = "danger"
    note = "They go to the trash, from where you can restore them."

    def done(self, form, result):
        """Say how many went, with an Undo that brings the same items back."""
        ids = [row["id"] for row in result.get("items", [])] or self.selection.ids
        add_message(self.request, messages.SUCCESS, f"Deleted {_counted(result, self.selection)}.", undo_action(ids))


class ItemBulkMoveView(ItemBulkActionView):
    """Move the selected items into one category, or out of theirs."""

    form_class = BulkMoveForm
    action = "set_category"
    title = "Move {items} to a category"
    button_label = "Move {items}"

    def action_arguments(self, form):
        """Send the chosen category (None for none)."""
        return {"category": form.category_id()}

    def done(self, form, result):
        """Say where the items went."""
        items = _counted(result, self.selection)
        if form.category_id() is None:
            messages.success(self.request, f"Took {items} out of their category.")
        else:
            messages.success(self.request, f"Moved {items} to ‘{form.category_name()}’.")


class ItemBulkAdjustView(ItemBulkActionView):
    """Add to or take from the quantity of the selected items."""

    form_class = BulkAdjustForm
    action = "adjust_quantity"
    title = "Adjust the quantity of {items}"
    button_label = "Adjust {items}"

    def action_arguments(self, form):
        """Send the signed change."""
        return {"delta": form.delta()}

    def done(self, form, result):
        """Say by how much the quantities moved."""
        delta, items = form.delta(), _counted(result, self.selection)
        if delta > 0:
            messages.success(self.request, f"Added {delta:,} to the quantity of {items}.")
        else:
            messages.success(self.request, f"Took {-delta:,} from the quantity of {items}.")


def _counted(result: dict, selection: ItemSelection) -> str:
    """Name what the API says it changed: the one item by name, or how many."""
    count = result.get("count", len(selection.items))
    return selection.describe() if count == len(selection.items) else f"{count:,} items"
