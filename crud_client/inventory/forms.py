"""Forms for items and categories, and the items list's filters; each knows its API representation."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from apiclient import ApiUnavailable
from common.api_views import ApiObjectForm
from common.form_choices import ReadyChoices, ReadySelect
from inventory.category_choices import fetch_category_choices

MAX_QUANTITY = 2_147_483_647
MAX_PRICE = Decimal("99999999.99")
MAX_SEARCH_WORDS = 10


class CategoryForm(ApiObjectForm):
    """Name and description of a category."""

    name = forms.CharField(max_length=100)
    description = forms.CharField(max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4}))

    field_order = ["name", "description"]


class ItemForm(ApiObjectForm):
    """An item; the category select offers only the user's own categories, fetched from the API."""

    needs_api = True

    name = forms.CharField(max_length=200)
    sku = forms.CharField(label="SKU", max_length=64, required=False)
    description = forms.CharField(max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4}))
    category = forms.TypedChoiceField(coerce=int, empty_value=None, required=False, widget=ReadySelect)
    quantity = forms.IntegerField(min_value=0, max_value=MAX_QUANTITY, initial=0)
    reorder_level = forms.IntegerField(
        label="Reorder level",
        required=False,
        min_value=0,
        max_value=MAX_QUANTITY,
        initial=0,
        help_text="Stock counts as low at this quantity or below, on the list and the dashboard.",
    )
    price = forms.DecimalField(
        min_value=0, max_value=MAX_PRICE, max_digits=10, decimal_places=2, initial=Decimal("0.00")
    )

    field_order = ["name", "sku", "description", "category", "quantity", "reorder_level", "price"]

    def clean_reorder_level(self):
        """Read an empty reorder level as 0, the API's default: no low-stock warning before the item runs out."""
        level = self.cleaned_data["reorder_level"]
        return 0 if level is None else level

    def __init__(self, *args, api, **kwargs):
        super().__init__(*args, **kwargs)
        try:
            choices = fetch_category_choices(api)
        except ApiUnavailable:
            if not self.is_bound:
                raise  # nothing typed yet: the outage page says more than a form with no categories
            # Keep the user's choice so a form submitted during an outage is redisplayed intact (the save
            # itself then reports the outage) instead of failing before it can show what was typed.
            chosen = str(self.data.get("category", "")) if self.is_bound else ""
            choices = [(int(chosen), f"Category #{chosen}")] if chosen.isdigit() else []
        self.fields["category"].choices = ReadyChoices([("", "— none —"), *choices])


class SearchForm(forms.Form):
    """A listing's search box; more words than the API searches for are refused here."""

    search = forms.CharField(required=False, max_length=200)

    def clean_search(self):
        """Refuse more words than the API searches for (it answers 400 beyond 10)."""
        search = self.cleaned_data["search"]
        if len(search.split()) > MAX_SEARCH_WORDS:
            raise forms.ValidationError(f"Use at most {MAX_SEARCH_WORDS} words.")
        return search


class ItemFilterForm(SearchForm):
    """The items list's filters; invalid input is shown, never sent to the API."""

    # Only the user's own categories are valid choices, so a foreign or stale id is refused here.
    category = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, widget=ReadySelect)
    in_stock = forms.ChoiceField(
        label="In stock", required=False, choices=[("", "Any"), ("true", "Yes"), ("false", "No")]
    )
    min_price = forms.DecimalField(required=False, min_value=0, max_digits=10, decimal_places=2)
    max_price = forms.DecimalField(required=False, min_value=0, max_digits=10, decimal_places=2)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = ReadyChoices([("", "All"), *categories])

    def clean(self):
        """Refuse a price range that is upside down."""
        cleaned = super().clean()
        low, high = cleaned.get("min_price"), cleaned.get("max_price")
        if low is not None and high is not None and low > high:
            self.add_error("max_price", "Max price must not be below min price.")
        return cleaned


class ItemImportForm(forms.Form):
    """The CSV file to import; its rows are checked by the API, which previews them before anything is written."""

    file = forms.FileField(
        label="CSV file",
        help_text="One item per line, after a header line naming the columns: sku, name, description, category, "
        "quantity, price. A file exported from here imports as it is.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        """Refuse an empty file, or one larger than the API takes, before sending it."""
        upload = self.cleaned_data["file"]
        if upload.size > settings.CLIENT_MAX_IMPORT_BYTES:
            limit = filesizeformat(settings.CLIENT_MAX_IMPORT_BYTES)
            raise forms.ValidationError(f"The file is larger than {limit}; split it into smaller files.")
        return upload
