"""The API-backed generic views on their own, with a fake resource standing in for the API client."""

from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.urls import resolve

from apiclient import ApiPreconditionFailed, Page
from common.api_views import (
    ApiDeleteView,
    ApiDetailView,
    ApiListView,
    ApiObjectForm,
    ApiUpdateView,
)


class FakeWidgets:
    """Record every verb called and answer like the API would."""

    def __init__(self, count=45, update_error=None):
        self.calls = []
        self.count = count
        self.update_error = update_error

    def list(self, **params):
        self.calls.append(("list", params))
        return Page(
            results=[{"id": 1, "name": "Cog"}], count=self.count, page=params["page"], page_size=params["page_size"]
        )

    def get(self, pk):
        self.calls.append(("get", pk))
        return {"id": pk, "name": "Cog", "size": 3, "version": 7}

    def update(self, pk, data, *, version=None):
        self.calls.append(("update", pk, data, version))
        if self.update_error:
            raise self.update_error
        return {"id": pk, **data, "version": version + 1}

    def delete(self, pk, *, version=None):
        self.calls.append(("delete", pk, version))


class WidgetForm(ApiObjectForm):
    name = forms.CharField(max_length=50)
    size = forms.IntegerField()


def widget_views(resource):
    """Return view classes for a resource named "widgets" that answers through `resource`."""
    api = SimpleNamespace(widgets=resource)
    common = {"api": api, "resource_name": "widgets", "verbose_name": "Widget", "context_object_name": "widget"}
    listing = type(
        "WidgetList",
        (ApiListView,),
        {**common, "context_object_name": "widgets", "ordering_fields": ("name", "size"), "template_name": "x.html"},
    )
    detail = type("WidgetDetail", (ApiDetailView,), {**common, "template_name": "x.html"})
    update = type("WidgetUpdate", (ApiUpdateView,), {**common, "form_class": WidgetForm, "template_name": "x.html"})
    delete = type("WidgetDelete", (ApiDeleteView,), {**common, "template_name": "x.html"})
    return SimpleNamespace(list=listing, detail=detail, update=update, delete=delete)


@pytest.fixture
def rf_user(shadow_user):
    """Return a RequestFactory request builder for a logged-in user, with messages and a URL namespace."""
    factory = RequestFactory()

    def build(method, path, data=None):
        request = getattr(factory, method)(path, data or {})
        request.user = shadow_user
        request.session = {}
        request._messages = FallbackStorage(request)
        # The items namespace stands in for any resource's: success URLs are reversed within it.
        request.resolver_match = resolve("/items/5/")
        return request

    return build


def test_list_asks_the_named_resource_for_the_page(rf_user):
    widgets = FakeWidgets()
    response = widget_views(widgets).list.as_view()(rf_user("get", "/widgets/", {"page": "2", "page_size": "10"}))
    assert widgets.calls == [("list", {"page": 2, "page_size": 10})]
    assert response.context_data["widgets"] == [{"id": 1, "name": "Cog"}]


def test_get_api_params_is_the_hook_that_shapes_the_query(rf_user):
    widgets = FakeWidgets()

    class InStockWidgets(widget_views(widgets).list):
        def get_api_params(self):
            return {**super().get_api_params(), "in_stock": "true"}

    InStockWidgets.as_view()(rf_user("get", "/widgets/"))
    assert widgets.calls == [("list", {"page": 1, "page_size": 20, "in_stock": "true"})]


def test_unknown_ordering_and_page_size_are_not_sent(rf_user):
    widgets = FakeWidgets()
    request = rf_user("get", "/widgets/", {"ordering": "secret", "page_size": "7", "page": "x"})
    widget_views(widgets).list.as_view()(request)
    assert widgets.calls == [("list", {"page": 1, "page_size": 20})]


def test_page_links_keep_the_other_query_parameters(rf_user):
    request = rf_user("get", "/widgets/", {"page": "2", "search": "cog", "ordering": "-size"})
    context = widget_views(FakeWidgets()).list.as_view()(request).context_data
    assert context["previous_url"] == "?ordering=-size&search=cog"
    assert context["next_url"] == "?ordering=-size&page=3&search=cog"


def test_first_and_last_pages_link_only_onwards(rf_user):
    views = widget_views(FakeWidgets(count=45))
    first = views.list.as_view()(rf_user("get", "/widgets/")).context_data
    last = views.list.as_view()(rf_user("get", "/widgets/", {"page": "3"})).context_data
    assert (first["previous_url"], first["next_url"]) == (None, "?page=2")
    assert (last["previous_url"], last["next_url"]) == ("?page=2", None)


def test_sort_link_starts_ascending_toggles_and_goes_back_to_page_one(rf_user):
    request = rf_user("get", "/widgets/", {"ordering": "size", "page": "2", "search": "cog"})
    links = widget_views(FakeWidgets()).list.as_view()(request).context_data["sort_links"]
    assert links == {"name": "?ordering=name&search=cog", "size": "?ordering=-size&search=cog"}


def test_detail_fetches_its_object_once(rf_user):
    widgets = FakeWidgets()
    view = widget_views(widgets).detail()
    view.setup(rf_user("get", "/widgets/4/"), pk=4)
    view.get_context_data()
    context = view.get_context_data()
    assert widgets.calls == [("get", 4)]
    assert context["widget"] is context["object"]


def test_every_view_requires_login(rf_user):
    views = widget_views(FakeWidgets())
    for view_class in (views.list, views.detail, views.update, views.delete):
        request = rf_user("get", "/widgets/4/")
        request.user = AnonymousUser()
        response = view_class.as_view()(request, pk=4)
        assert response["Location"] == "/login/?next=/widgets/4/"


def test_update_form_starts_from_the_object_and_its_version(rf_user):
    response = widget_views(FakeWidgets()).update.as_view()(rf_user("get", "/widgets/4/edit/"), pk=4)
    initial = response.context_data["form"].initial
    assert {k: v for k, v in initial.items() if k != "opened_as"} == {
        "name": "Cog",
        "size": 3,
        "version": 7,
        "idempotency_key": None,
    }
    assert len(initial["opened_as"]) == 64  # the fingerprint that recognises an unchanged save


def test_update_sends_the_forms_version_and_cleaned_data(rf_user):
    widgets = FakeWidgets()
    request = rf_user("post", "/widgets/4/edit/", {"name": "Gear", "size": "5", "version": "7"})
    response = widget_views(widgets).update.as_view()(request, pk=4)
    assert ("update", 4, {"name": "Gear", "size": 5}, 7) in widgets.calls
    assert response["Location"] == "/items/4/"


def test_conflict_without_current_state_fetches_it_for_the_new_version(rf_user):
    widgets = FakeWidgets(update_error=ApiPreconditionFailed("Changed.", current=None))
    request = rf_user("post", "/widgets/4/edit/", {"name": "Gear", "size": "5", "version": "6"})
    response = widget_views(widgets).update.as_view()(request, pk=4)
    assert response.status_code == 409
    assert response.context_data["form"].data["version"] == 7
    assert response.context_data["form"].data["name"] == "Gear"


def test_delete_confirms_on_get_and_deletes_only_on_post(rf_user):
    widgets = FakeWidgets()
    views = widget_views(widgets)
    views.delete.as_view()(rf_user("get", "/widgets/4/delete/"), pk=4)
    assert [call for call in widgets.calls if call[0] == "delete"] == []
    response = views.delete.as_view()(rf_user("post", "/widgets/4/delete/", {"version": "7"}), pk=4)
    assert ("delete", 4, 7) in widgets.calls
    assert response["Location"] == "/items/"


def test_api_object_form_sends_decimals_as_strings_without_control_fields():
    class PricedForm(ApiObjectForm):
        price = forms.DecimalField(decimal_places=2)

    form = PricedForm({"price": "12.5", "version": "3", "idempotency_key": "k"})
    assert form.is_valid()
    assert form.api_data() == {"price": "12.5"}
