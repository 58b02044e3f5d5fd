"""Generic views backed by the API instead of a model, shaped like Django's own generic views.

`ApiListView`, `ApiDetailView`, `ApiCreateView`, `ApiUpdateView` and `ApiDeleteView` name a `resource_name` (an
attribute of the API client, such as "items") where Django's views name a model; `get_api_params()` builds the
API query the way `get_queryset()` builds a queryset. Subclasses name `template_name` and `context_object_name`.
Forms subclass `ApiObjectForm`, which carries the version (for `If-Match`) and a create's idempotency key.
A form that is not about one object (change your password) is a FormView with `ApiSubmitMixin` and a `submit()`.
"""

import uuid
from decimal import Decimal
from functools import cached_property
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView

from apiclient import (
    ApiConflict,
    ApiNotFound,
    ApiPreconditionFailed,
    ApiThrottled,
    ApiUnavailable,
    ApiValidationError,
    api_client_for,
)
from common.api_errors import UNAVAILABLE, apply_api_errors, throttled_message
from common.fingerprints import values_fingerprint
from common.pending_forms import pop_pending_form
from common.templating import url


class ApiObjectForm(forms.Form):
    """A form for an API object; hidden fields carry the version it was opened with, or its create key."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Generated when the form is shown, so a double click, a refresh or a retry creates one object, not two.
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)
    # A digest of the values an edit form was opened with: saving them unchanged sends nothing to the API.
    opened_as = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    control_fields = ("version", "idempotency_key", "opened_as")

    def api_data(self) -> dict:
        """Return the JSON body for the API (decimals as the API's strings, such as "12.50")."""
        return {
            name: str(value) if isinstance(value, Decimal) else value
            for name, value in self.cleaned_data.items()
            if name not in self.control_fields
        }

    @classmethod
    def initial_from(cls, obj: dict) -> dict:
        """Return initial form values from an API object, with the fingerprint of its editable values."""
        initial = {name: obj.get(name) for name in cls.base_fields}
        initial["opened_as"] = cls.fingerprint(obj)
        return initial

    @classmethod
    def fingerprint(cls, values: dict) -> str:
        """Return the digest of the editable values in `values` (an API object or cleaned data)."""
        editable = {name: field for name, field in cls.base_fields.items() if name not in cls.control_fields}
        return values_fingerprint(editable, values)

    def is_unchanged(self) -> bool:
        """Tell whether the valid form holds exactly the values it was opened with."""
        opened_as = self.cleaned_data.get("opened_as")
        return bool(opened_as) and opened_as == self.fingerprint(self.cleaned_data)


class ApiClientMixin:
    """Give a view the API client of its request (`self.api`)."""

    # Pages for people who are not logged in (a password reset) send no token, even a stale one.
    api_with_token = True

    @cached_property
    def api(self):
        """Return the API client acting for this request's user."""
        return api_client_for(self.request, with_token=self.api_with_token)


class ApiSubmitMixin(ApiClientMixin):
    """Send a valid form to the API with `submit()`; its errors go next to the fields and nothing typed is lost.

    A form the user submitted as their session ended comes back filled in after they log in again.
    """

    def get_form_kwargs(self):
        """Fill a form shown on GET with what the user typed before being logged out, if it was kept."""
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            pending = pop_pending_form(self.request)
            if pending:
                kwargs["initial"] = {**kwargs.get("initial", {}), **pending}
        return kwargs

    def form_valid(self, form):
        """Submit, or redisplay the form with the API's field errors, or with why the API could not answer."""
        try:
            return self.submit(form)
        except ApiValidationError as exc:
            apply_api_errors(form, exc)
            return self.form_failed(form, 400)
        except ApiUnavailable:
            return self.form_failed(form, 503, banner=UNAVAILABLE)
        except ApiThrottled as exc:
            return self.form_failed(form, 429, banner=throttled_message(exc))

    def form_failed(self, form, status, banner=None):
        """Redisplay the bound form (every typed value kept) with an answer status."""
        return self.render_to_response(self.get_context_data(form=form, banner=banner), status=status)

    def submit(self, form):
        """Send the form to the API and return the response that follows a success."""
        raise NotImplementedError


class ApiResourceMixin(LoginRequiredMixin, ApiClientMixin):
    """Give a view the API client of its request and the resource it works on."""

    resource_name = None  # the API client attribute: "items" or "categories"
    verbose_name = None  # how messages name one object: "Item"

    def get_resource(self):
        """Return the resource wrapper, e.g. `self.api.items`."""
        return getattr(self.api, self.resource_name)

    def get_object(self) -> dict:
        """Return the object named by the URL (ApiNotFound becomes the 404 page)."""
        if not hasattr(self, "object"):
            self.object = self.get_resource().get(self.kwargs["pk"])
        return self.object

    def resource_url(self, name: str, obj: dict | None = None) -> str:
        """Return the page `name` ("list", "detail") of this resource, in the URL namespace the view is mounted in."""
        kwargs = {"pk": obj["id"]} if obj is not None else {}
        return url(f"{self.request.resolver_match.namespace}:{name}", **kwargs)

    def get_context_data(self, **kwargs):
        """Add how pages name one object ("Item")."""
        kwargs.setdefault("verbose_name", self.verbose_name)
        return super().get_context_data(**kwargs)


class ApiListView(ApiResourceMixin, TemplateView):
    """Show one page of a collection with filters, sorting and the site's own pagination links."""

    filter_form_class = None
    ordering_fields = ()  # fields the column headers may sort by
    default_ordering = ""  # how the API sorts without `ordering`, so its header shows ▲ too
    page_size_choices = (10, 20, 50, 100)
    paginate_by = 20

    def get_filter_form(self):
        """Return the bound filter form, or None."""
        return self.filter_form_class(self.request.GET or None) if self.filter_form_class else None

    def get_api_params(self) -> dict:
        """Return the API query for this page: valid filters, ordering, page and page size."""
        form = self.filter_form
        filters = form.cleaned_data if form is not None and form.is_bound else {}
        params = {key: value for key, value in filters.items() if value not in (None, "")}
        ordering = self.request.GET.get("ordering", "")
        if ordering.lstrip("-") in self.ordering_fields:
            params["ordering"] = ordering
        # Page, size and ordering come from our own links; a tampered value falls back instead of failing.
        params["page"] = _positive_int(self.request.GET.get("page", ""), default=1)
        params["page_size"] = self.get_paginate_by()
        return params

    def get_paginate_by(self) -> int:
        """Return the page size the visitor chose among `page_size_choices`, else `paginate_by`."""
        size = _positive_int(self.request.GET.get("page_size", ""), default=self.paginate_by)
        return size if size in self.page_size_choices else self.paginate_by

    def get(self, request, *args, **kwargs):
        """Fetch the page unless the filters are invalid, in which case show the errors and no rows."""
        if any(value == "" for value in request.GET.values()):
            # A filter form sends every field; the ones left empty stay out of the address (and of the API call).
            return redirect(request.path + self.query_with(**{key: None for key, v in request.GET.items() if not v}))
        self.filter_form = form = self.get_filter_form()
        if form is not None and form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(filter_form=form, page_obj=None), status=400)
        params = self.get_api_params()
        try:
            page = self.get_resource().list(**params)
        except ApiNotFound:
            if params["page"] == 1:
                raise
            # A page past the end (an old link, rows deleted meanwhile): go to the last page there is.
            last = self.get_resource().list(**{**params, "page": 1}).num_pages
            return redirect(request.path + self.page_link(last))
        except ApiValidationError as exc:
            # The API has the last word on filters (a category deleted meanwhile): show why, never a 500.
            if form is None:
                raise
            apply_api_errors(form, exc)
            return self.render_to_response(self.get_context_data(filter_form=form, page_obj=None), status=400)
        return self.render_to_response(self.get_context_data(filter_form=form, page_obj=page))

    def get_context_data(self, **kwargs):
        """Add the page's rows, the sort links and the page links."""
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context[self.context_object_name] = page.results if page else []
        context["sort_links"] = {field: self.sort_link(field) for field in self.ordering_fields}
        context["current_ordering"] = self.request.GET.get("ordering", "")
        context["sorted_by"] = self.sorted_by()
        context["page_size_choices"] = self.page_size_choices
        context["page_size"] = self.get_paginate_by()
        # Each object's page is this list's URL plus "<id>/" (inventory/urls.py's crud_patterns): rows link by
        # appending the id rather than reversing a URL per row.
        context["list_url"] = self.resource_url("list")
        if page:
            context["previous_url"] = self.page_link(page.page - 1) if page.has_previous else None
            context["next_url"] = self.page_link(page.page + 1) if page.has_next else None
            context["page_links"] = [
                (number, number and self.page_link(number)) for number in page_window(page.page, page.num_pages)
            ]
        # Which empty state a page without rows shows: "no items yet" or "none match these filters".
        filters = list(self.filter_form.fields) if self.filter_form else []
        context["filters_in_use"] = sum(1 for name in filters if self.request.GET.get(name))
        context["filtered"] = context["filters_in_use"] > 0
        context["clear_url"] = self.request.path + self.query_with(**dict.fromkeys(filters), page=None).rstrip("?")
        return context

    def query_with(self, **changes) -> str:
        """Return this page's query string with some parameters changed (None removes one)."""
        # Each parameter once, with its last value, as our links and forms send them (a plain dict: copying the
        # QueryDict for each of a page's sixteen links cost more than the links themselves).
        query = {**self.request.GET.dict(), **changes}
        return "?" + urlencode(sorted((key, value) for key, value in query.items() if value is not None))

    def page_link(self, number: int) -> str:
        """Return the link to another page of the same listing (our URL, never the API's); page 1 has no number."""
        return self.query_with(page=str(number) if number > 1 else None)

    def sorted_by(self) -> str:
        """Return the ordering in effect: the one asked for if valid, else the default ("-price", "name")."""
        ordering = self.request.GET.get("ordering", "")
        return ordering if ordering.lstrip("-") in self.ordering_fields else self.default_ordering

    def sort_link(self, field: str) -> str:
        """Return the link that sorts by `field`, toggling the direction if it is already the sort."""
        return self.query_with(ordering=f"-{field}" if self.sorted_by() == field else field, page=None)


class ApiObjectMixin:
    """Put the URL's object in the context, as `object` and under `context_object_name`."""

    def get_context_data(self, **kwargs):
        """Add the object (fetched once per request)."""
        obj = self.get_object()
        kwargs.setdefault("object", obj)
        kwargs.setdefault(self.context_object_name, obj)
        return super().get_context_data(**kwargs)


class ApiDetailView(ApiObjectMixin, ApiResourceMixin, TemplateView):
    """Show one object."""


class ApiFormMixin(ApiResourceMixin, ApiSubmitMixin):
    """Save an object through the API; its errors go next to the fields and the typed values are never lost."""

    success_message = "{verbose_name} “{name}” saved."
    success_url = None

    def get_form_kwargs(self):
        """Give forms that need them (a category select) the API client."""
        kwargs = super().get_form_kwargs()
        if getattr(self.form_class, "needs_api", False):
            kwargs["api"] = self.api
        return kwargs

    def submit(self, form):
        """Save and go to the saved object, or show both versions if it changed since the form was shown."""
        try:
            self.object = self.save(form)
        except ApiPreconditionFailed as exc:
            return self.conflict(form, exc)
        self.report_success(self.object)
        return redirect(self.get_success_url())

    def report_success(self, obj: dict) -> None:
        """Say what happened, naming the object (a delete whose API keeps a trash adds an Undo)."""
        name = obj.get("name", "")
        messages.success(self.request, self.success_message.format(verbose_name=self.verbose_name, name=name))

    def conflict(self, form, exc: ApiPreconditionFailed):
        """Answer a write refused because the object changed since the form was shown (only updates and deletes)."""
        raise NotImplementedError

    def save(self, form) -> dict:
        """Send the form to the API and return the saved object."""
        raise NotImplementedError

    def get_success_url(self):
        """Return `success_url`, or else the saved object's page."""
        return self.success_url or self.resource_url("detail", self.object)


class ApiCreateView(ApiFormMixin, FormView):
    """Create an object from a form."""

    success_message = "{verbose_name} “{name}” created."

    def get_initial(self):
        """Give the form a fresh idempotency key each time it is shown."""
        return {**super().get_initial(), "idempotency_key": uuid.uuid4().hex}

    def save(self, form) -> dict:
        """POST the form's data with its idempotency key, so a repeat returns the same object."""
        key = form.cleaned_data.get("idempotency_key") or uuid.uuid4().hex
        return self.get_resource().create(form.api_data(), idempotency_key=key)


class ApiUpdateView(ApiObjectMixin, ApiFormMixin, FormView):
    """Edit an object, sending `If-Match` with the version the form was opened with."""

    success_message = "{verbose_name} “{name}” updated."

    def get_initial(self):
        """Fill the form with the object's current values and version (a submitted form brings its own)."""
        # A POST needs no initial values, and fetching them would cost an API call before every save.
        if self.request.method != "GET":
            return super().get_initial()
        return self.get_form_class().initial_from(self.get_object())

    def submit(self, form):
        """Save, unless nothing changed (then send nothing); if the object was deleted meanwhile, keep the input."""
        if form.is_unchanged():
            name = form.cleaned_data.get("name", "")
            messages.info(self.request, f"No changes to save in {self.verbose_name.lower()} “{name}”.")
            return redirect(self.resource_url("detail", {"id": self.kwargs["pk"]}))
        try:
            return super().submit(form)
        except ApiNotFound:
            return self.gone(form)

    def gone(self, form):
        """Redisplay what the user typed for an object deleted since the form was shown, offering to save it anew."""
        self.object = None
        form.data = form.data.copy()
        # The page offers "Save as a new item" (the create page takes this form as it is): one key, one new object.
        form.data["idempotency_key"] = uuid.uuid4().hex
        noun = self.verbose_name.lower()
        banner = (
            f"This {noun} was deleted, perhaps in another tab, so your changes were not saved; "
            f"what you typed is kept below."
        )
        return self.render_to_response(self.get_context_data(form=form, gone=True, banner=banner), status=404)

    def save(self, form) -> dict:
        """PUT the form's data, only if the object is still at the form's version."""
        return self.get_resource().update(self.kwargs["pk"], form.api_data(), version=form.cleaned_data["version"])

    def conflict(self, form, exc):
        """Show the user's values beside the current ones; saving again overwrites deliberately."""
        # Without the current state in the answer, fetch it: the form must move on to its version.
        current = exc.current or self.get_resource().get(self.kwargs["pk"])
        # Only the version moves on: the typed values stay, and a second Save is a conscious overwrite.
        form.data = form.data.copy()
        form.data["version"] = current.get("version", form.cleaned_data["version"])
        context = self.get_context_data(form=form, conflict=current, conflict_rows=conflict_rows(form, current))
        return self.render_to_response(context, status=409)


def conflict_rows(form, current):
    """Return (label, yours, theirs, differs) for each field, to show the two versions side by side."""
    rows = []
    for name, field in form.fields.items():
        if field.widget.is_hidden:
            continue
        theirs = current.get(f"{name}_name", current.get(name)) if name == "category" else current.get(name)
        yours = form.data.get(name, "")
        # Compared as the form reads them, so "12.5" typed against "12.50" stored is no change.
        differs = values_fingerprint({name: field}, {name: yours}) != values_fingerprint({name: field}, current)
        if name == "category" and hasattr(field, "choices"):
            yours = dict((str(k), v) for k, v in field.choices).get(str(yours), yours)
        rows.append((field.label or name.title(), yours, "" if theirs is None else theirs, differs))
    return rows


class DeleteConfirmForm(forms.Form):
    """Carry the version the confirmation page showed."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ApiDeleteView(ApiObjectMixin, ApiFormMixin, FormView):
    """Confirm on GET, delete on POST (as Django's DeleteView does since 4.0, in `form_valid`)."""

    form_class = DeleteConfirmForm
    success_message = "{verbose_name} “{name}” deleted."

    def get_initial(self):
        """Remember the version being deleted."""
        return {"version": self.get_object().get("version")}

    def form_valid(self, form):
        """Delete, or, if the API refuses (a category that still has items), say why and go back to the object."""
        try:
            return super().form_valid(form)
        except ApiConflict as exc:
            messages.error(self.request, exc.detail or f"The {self.verbose_name.lower()} could not be deleted.")
            return redirect(self.resource_url("detail", self.get_object()))

    def save(self, form) -> dict:
        """DELETE the object, only if it is still at the version the confirmation page showed."""
        obj = self.get_object()  # its name goes in the success message
        self.get_resource().delete(self.kwargs["pk"], version=form.cleaned_data.get("version"))
        return obj

    def conflict(self, form, exc):
        """Delete nothing that changed since the confirmation page; send the user back to look at it."""
        messages.error(
            self.request, f"The {self.verbose_name.lower()} changed since you opened it; check it before deleting."
        )
        return redirect(self.resource_url("detail", self.get_object()))

    def get_success_url(self):
        """Return `success_url`, or else the collection's list page."""
        return self.success_url or self.resource_url("list")


def page_window(current: int, last: int, *, around: int = 2) -> list[int | None]:
    """Return the page numbers to link: the first, the last and `around` either side of `current`; None marks a gap."""
    shown = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    numbers = []
    for number in shown:
        if numbers and number - numbers[-1] == 2:
            numbers.append(number - 1)  # a gap of one page is shown as that page, not as "…"
        elif numbers and number - numbers[-1] > 2:
            numbers.append(None)
        numbers.append(number)
    return numbers


def _positive_int(raw: str, *, default: int) -> int:
    """Return `raw` as a positive integer of sane size, else `default` (str.isdigit() alone accepts "²")."""
    if raw.isascii() and raw.isdigit() and 0 < len(raw) <= 9 and int(raw) > 0:
        return int(raw)
    return default
