"""Hand-written Django views serving what the API serves, as a performance yardstick.

Each authenticates the same `Authorization: Token …` header with the API's own authentication class, reads the
caller's rows with `.values()` and answers with `JsonResponse`: the fastest plain-Django way to the same bytes.
"""

import json

from django import forms
from django.db.models import F
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework.exceptions import AuthenticationFailed

from common.authentication import TokenAuthentication
from inventory.models import Category, Item

_FIELDS = ("id", "name", "sku", "description", "category", "quantity", "price", "version", "created_at", "updated_at")
_authentication = TokenAuthentication()


def _caller(request):
    """Return the token's user, or None."""
    try:
        found = _authentication.authenticate(request)
    except AuthenticationFailed:
        return None
    return found[0] if found else None


def _rows(user):
    return Item.objects.filter(owner=user).values(*_FIELDS, category_name=F("category__name"))


def _unauthorized():
    return JsonResponse({"detail": "Authentication credentials were not provided."}, status=401)


@csrf_exempt
def item_list_or_create(request):
    """GET: one page of the caller's items in name order, with the count. POST: create one via a ModelForm."""
    user = _caller(request)
    if user is None:
        return _unauthorized()
    if request.method == "POST":
        return _create(request, user)
    page = int(request.GET.get("page", 1))
    size = min(int(request.GET.get("page_size", 20)), 100)
    rows = _rows(user).order_by("name", "pk")
    return JsonResponse(
        {
            "count": Item.objects.filter(owner=user).count(),
            "next": None,
            "previous": None,
            "results": list(rows[(page - 1) * size : page * size]),
        }
    )


def item_detail(request, pk):
    """One of the caller's items."""
    user = _caller(request)
    if user is None:
        return _unauthorized()
    row = _rows(user).filter(pk=pk).first()
    if row is None:
        return JsonResponse({"detail": "No Item matches the given query."}, status=404)
    response = JsonResponse(row)
    response["ETag"] = f'"{row["version"]}"'
    return response


class ItemForm(forms.ModelForm):
    """The item fields a caller may write, validated by Django's forms and the model's validators."""

    class Meta:
        model = Item
        fields = ["name", "sku", "description", "category", "quantity", "price"]

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.owner = owner
        self.fields["category"].queryset = Category.objects.filter(owner=owner)

    def clean_sku(self):
        """Refuse a SKU the caller already uses, as the API does."""
        sku = self.cleaned_data["sku"]
        if sku and Item.objects.filter(owner=self.instance.owner, sku=sku).exists():
            raise forms.ValidationError("You already have an item with this SKU.")
        return sku


def _create(request, user):
    try:
        data = json.loads(request.body)
    except ValueError:
        return JsonResponse({"detail": "JSON parse error."}, status=400)
    form = ItemForm(data, owner=user)
    if not form.is_valid():
        return JsonResponse(form.errors, status=400)
    item = form.save()
    row = _rows(user).get(pk=item.pk)
    response = JsonResponse(row, status=201)
    response["ETag"] = f'"{row["version"]}"'
    return response
