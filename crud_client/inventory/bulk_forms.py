"""The items list's selection, and the forms of the bulk actions applied to it (move, adjust quantity, delete)."""

from dataclasses import dataclass, field

from django import forms
from django.urls import reverse

from common.form_choices import ReadyChoices, ReadySelect
from common.next_url import safe_next_url
from inventory.forms import MAX_QUANTITY

# The API takes at most this many ids per call; a page shows at most 100 rows, so only a forged post says more.
MAX_SELECTED = 1000
NO_CATEGORY = "none"


@dataclass(frozen=True)
class SelectedItem:
    """One ticked row: its id, the version the list showed (so a change made since is caught) and its name."""

    id: int
    version: int | None
    name: str


@dataclass
class ItemSelection:
    """The rows ticked on one page of the items list, and the list page to go back to.

    Each row posts its box (`ids`) beside hidden `version-<id>` and `name-<id>` fields, so the next page can name
    what will change without asking the API again; the versions make the API refuse (412) if any item changed.
    """

    items: list[SelectedItem] = field(default_factory=list)
    next_url: str = ""

    @classmethod
    def from_post(cls, request) -> "ItemSelection":
        """Read the selection from a posted form; ids that are not positive numbers are ignored."""
        data, seen, items = request.POST, set(), []
        for raw in data.getlist("ids")[:MAX_SELECTED]:
            pk = _positive(raw)
            if pk is None or pk in seen:
                continue
            seen.add(pk)
            name = data.get(f"name-{pk}", "")[:200] or f"Item #{pk}"
            items.append(SelectedItem(pk, _positive(data.get(f"version-{pk}", "")), name))
        plain = reverse("items:list")
        return cls(items, safe_next_url(request, plain, under=plain))

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def ids(self) -> list[int]:
        """Return the selected ids, in the order of the list."""
        return [item.id for item in self.items]

    @property
    def versions(self) -> dict[int, int]:
        """Return the version each selected item had on the list, where it said."""
        return {item.id: item.version for item in self.items if item.version is not None}

    def describe(self) -> str:
        """Name the selection in a sentence: "‘Claw hammer’" for one item, "3 items" for more."""
        if len(self.items) == 1:
            return f"‘{self.items[0].name}’"
        return f"{len(self.items):,} items"

    def names(self, ids) -> list[str]:
        """Return the names of the selected items among `ids` (ids arrive from the API as strings or numbers)."""
        wanted = {str(pk) for pk in ids}
        return [item.name for item in self.items if str(item.id) in wanted]

    def move_to_versions(self, current: dict) -> None:
        """Take the API's current versions ({"<id>": version}), so confirming again acts on the items as they are."""
        self.items = [SelectedItem(item.id, current.get(str(item.id), item.version), item.name) for item in self.items]


class BulkActionForm(forms.Form):
    """A bulk action's own fields; a key made when the form is shown makes a double click apply it once."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)
    needs_categories = False


class BulkDeleteForm(BulkActionForm):
    """Confirm deleting the selection (no fields: the page lists what goes)."""


class BulkMoveForm(BulkActionForm):
    """Choose the category the selection moves to, or none."""

    category = forms.ChoiceField(label="Move to", widget=ReadySelect)
    needs_categories = True

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = ReadyChoices(
            [("", "Choose a category"), *categories, (NO_CATEGORY, "No category (take them out of theirs)")]
        )

    def category_id(self) -> int | None:
        """Return the chosen category's id, or None for "no category"."""
        value = self.cleaned_data["category"]
        return None if value == NO_CATEGORY else int(value)

    def category_name(self) -> str:
        """Return the chosen category's name as the choice showed it."""
        value = self.cleaned_data["category"]
        return next((label for key, label in self.fields["category"].choices if str(key) == value), value)


class BulkAdjustForm(BulkActionForm):
    """Add to or take from the quantity of every selected item."""

    direction = forms.ChoiceField(
        label="Change",
        choices=[("add", "Add to the quantity"), ("remove", "Take away from the quantity")],
        widget=forms.RadioSelect,
        initial="add",
    )
    # A positive amount and a direction, not a signed number: phone keypads for numbers often have no minus key.
    amount = forms.IntegerField(label="By how many", min_value=1, max_value=MAX_QUANTITY)

    api_field_names = {"delta": "amount"}  # "Not enough stock: …" goes beside the amount

    def delta(self) -> int:
        """Return the signed change the API applies."""
        amount = self.cleaned_data["amount"]
        return amount if self.cleaned_data["direction"] == "add" else -amount


def _positive(raw) -> int | None:
    raw = str(raw)
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < len(raw) <= 18 and int(raw) > 0 else None
