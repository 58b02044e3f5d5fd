"""The admin's forms: the version a change started from, and the owner rules the API's serializers enforce.

The admin builds each form for its model and fields (ModelAdmin.get_form), so they declare no Meta of their own.
"""

from django import forms

from inventory.models import Category, Item
from inventory.serializers import CATEGORY_NAME_TAKEN


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the form was opened at, and refuses a save once someone else has changed the row."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version if self.instance.pk else None

    def clean(self):
        """Refuse a change opened at an older version: saving it would undo what was written since (a lost update)."""
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        # A form-wide error: the admin shows no errors of a hidden field.
        if self.instance.pk and loaded is not None and loaded != self.instance.version:
            name = self.instance._meta.verbose_name
            raise forms.ValidationError(
                f"This {name} was changed since you opened it (now version {self.instance.version}). "
                "Reload the page to see the changes, then make yours again."
            )
        return cleaned


class CategoryAdminForm(VersionedAdminForm):
    """A category as staff edit it: its name must be free among its owner's categories, in any letter case."""

    def clean(self):
        """Refuse a name the owner's other category has, as an error on the name (not the constraint's own words)."""
        cleaned = super().clean()
        owner, name = cleaned.get("owner"), cleaned.get("name")
        if owner is not None and name:
            if Category.objects.filter(owner=owner).exclude(pk=self.instance.pk).named(name).exists():
                # A field with an error is left out of the model's constraint check, so this is the one message.
                self.add_error("name", CATEGORY_NAME_TAKEN)
        return cleaned


class ItemAdminForm(VersionedAdminForm):
    """An item as staff edit it: its category must be its owner's, and its SKU free among the owner's live items."""

    def clean(self):
        """Refuse another owner's category and a SKU another live item of the owner holds, as field errors."""
        cleaned = super().clean()
        owner, category, sku = cleaned.get("owner"), cleaned.get("category"), cleaned.get("sku")
        if owner is None:
            return cleaned
        if category is not None and category.owner_id != owner.pk:
            self.add_error("category", f"This category belongs to {category.owner}, not to the item's owner {owner}.")
        if sku and Item.objects.filter(owner=owner).exclude(pk=self.instance.pk).holding_skus([sku]).exists():
            self.add_error("sku", f"{owner} already has another item with this SKU.")
        return cleaned
