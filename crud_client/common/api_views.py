"""Generic views backed by the API instead of a model, shaped like Django's own generic views.

`ApiListView`, `ApiDetailView`, `ApiCreateView`, `ApiUpdateView` and `ApiDeleteView` name a `resource` (an
attribute of the API client, such as "items") where Django's views name a model; `get_api_params()` builds the
API query the way `get_queryset()` builds a queryset.
"""

import uuid
from functools import cached_property
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from accounts.forms import UNAVAILABLE, apply_api_errors, throttled_message
from apiclient import (
    ApiConflict,
    ApiPreconditionFailed,
    ApiThrottled,
    ApiUnavailable,
    ApiValidationError,
    api_client_for,
)


class ApiResourceMixin(LoginRequiredMixin):
    """Give a view the API client of its request and the resource it works on."""

    resource = None  # the API client attribute: "items" or "categories"
    verbose_name = None  # how messages name one object: "Item"

    @cached_property
    def api(self):
        """Return the API client acting for this request's user."""
        return api_client_for(self.request)

    def get_resource(self):
        """Return the resource wrapper, e.g. `self.api.items`."""
        return getattr(self.api, self.resource)

    def get_object(self) -> dict:
        """Return the object named by the URL (ApiNotFound becomes the 404 page)."""
        if not hasattr(self, "object"):
            self.object = self.get_resource().get(self.kwargs["pk"])
        return self.object


class ApiListView(ApiResourceMixin, TemplateView):
    """Show one page of a collection with filters, sorting and the site's own pagination links."""

    filter_form_class = None
    ordering_fields = ()  # fields the column headers may sort by
    page_size_choices = (10, 20, 50, 100)
    paginate_by = 20

    def get_filter_form(self):
        """Return the bound filter form, or None."""
        return self.filter_form_class(self.request.GET or None) if self.filter_form_class else None

    def get_api_params(self, filters: dict) -> dict:
        """Return the API query for this page: valid filters, ordering, page and page size."""
        params = {key: value for key, value in filters.items() if value not in (None, "")}
        ordering = self.request.GET.get("ordering", "")
        if ordering.lstrip("-") in self.ordering_fields:
            params["ordering"] = ordering
        page = self.request.GET.get("page", "1")
        params["page"] = int(page) if page.isdigit() and int(page) > 0 else 1
        size = self.request.GET.get("page_size", "")
        params["page_size"] = int(size) if size.isdigit() and int(size) in self.page_size_choices else self.paginate_by
        return params

    def get(self, request, *args, **kwargs):
        """Fetch the page unless the filters are invalid, in which case show the errors and no API call."""
        form = self.get_filter_form()
        if form is not None and form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(filter_form=form, page_obj=None), status=400)
        filters = form.cleaned_data if form is not None and form.is_bound else {}
        page = self.get_resource().list(**self.get_api_params(filters))
        return self.render_to_response(self.get_context_data(filter_form=form, page_obj=page))

    def get_context_data(self, **kwargs):
        """Add the page's rows, the sort links and the page links."""
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context[self.context_object_name] = page.results if page else []
        context["sort_links"] = {field: self.sort_link(field) for field in self.ordering_fields}
        context["current_ordering"] = self.request.GET.get("ordering", "")
        context["page_size_choices"] = self.page_size_choices
        if page:
            context["previous_url"] = self.page_link(page.page - 1) if page.has_previous else None
            context["next_url"] = self.page_link(page.page + 1) if page.has_next else None
        return context

    def query_with(self, **changes) -> str:
        """Return this page's query string with some parameters changed (None removes one)."""
        query = self.request.GET.copy()
        for key, value in changes.items():
            query.pop(key, None)
            if value is not None:
                query[key] = value
        return "?" + urlencode(sorted(query.items()))

    def page_link(self, number: int) -> str:
        """Return the link to another page of the same listing (our URL, never the API's)."""
        return self.query_with(page=str(number))

    def sort_link(self, field: str) -> str:
        """Return the link that sorts by `field`, toggling the direction if it is already the sort."""
        current = self.request.GET.get("ordering", "")
        return self.query_with(ordering=f"-{field}" if current == field else field, page=None)


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


class ApiFormMixin(ApiResourceMixin):
    """Submit a form to the API; its errors go next to the fields and the typed values are never lost."""

    success_message = "{verbose_name} “{name}” saved."

    def get_form_kwargs(self):
        """Give forms that need them (a category select) the API client."""
        kwargs = super().get_form_kwargs()
        if getattr(self.form_class, "needs_api", False):
            kwargs["api"] = self.api
        return kwargs

    def form_valid(self, form):
        """Save through the API and go to the saved object, or redisplay the form with what went wrong."""
        try:
            saved = self.save(form)
        except ApiValidationError as exc:
            apply_api_errors(form, exc)
            return self.form_failed(form, 400)
        except ApiUnavailable:
            return self.form_failed(form, 503, banner=UNAVAILABLE)
        except ApiThrottled as exc:
            return self.form_failed(form, 429, banner=throttled_message(exc))
        except ApiPreconditionFailed as exc:
            return self.conflict(form, exc.current or {})
        messages.success(
            self.request, self.success_message.format(verbose_name=self.verbose_name, name=saved.get("name", ""))
        )
        return redirect(self.get_success_url(saved))

    def form_failed(self, form, status, banner=None):
        """Redisplay the bound form (every typed value kept) with an answer status."""
        return self.render_to_response(self.get_context_data(form=form, banner=banner), status=status)

    def conflict(self, form, current):
        """Only update views can conflict."""
        raise NotImplementedError

    def save(self, form) -> dict:
        """Send the form to the API and return the saved object."""
        raise NotImplementedError

    def get_success_url(self, saved):
        """Return the saved object's page."""
        return saved_url(self.request, saved)


def saved_url(request, saved):
    """Return the detail page of a saved object within the current resource's URL namespace."""
    return reverse(f"{request.resolver_match.namespace}:detail", kwargs={"pk": saved["id"]})


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
        """Fill the form with the object's current values and version."""
        return self.get_form_class().initial_from(self.get_object())

    def save(self, form) -> dict:
        """PUT the form's data, only if the object is still at the form's version."""
        return self.get_resource().update(self.kwargs["pk"], form.api_data(), version=form.cleaned_data["version"])

    def conflict(self, form, current):
        """Show the user's values beside the current ones; saving again overwrites deliberately."""
        # Only the version moves on: the typed values stay, and a second Save is a conscious overwrite.
        form.data = form.data.copy()
        form.data["version"] = current.get("version", form.cleaned_data["version"])
        context = self.get_context_data(form=form, conflict=current, conflict_rows=conflict_rows(form, current))
        return self.render_to_response(context, status=409)


def conflict_rows(form, current):
    """Return (label, yours, theirs) for each field, to show the two versions side by side."""
    rows = []
    for name, field in form.fields.items():
        if field.widget.is_hidden:
            continue
        theirs = current.get(f"{name}_name", current.get(name)) if name == "category" else current.get(name)
        yours = form.data.get(name, "")
        if name == "category" and hasattr(field, "choices"):
            yours = dict((str(k), v) for k, v in field.choices).get(str(yours), yours)
        rows.append((field.label or name.title(), yours, "" if theirs is None else theirs))
    return rows


class DeleteConfirmForm(forms.Form):
    """Carry the version the confirmation page showed."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ApiDeleteView(ApiObjectMixin, ApiFormMixin, FormView):
    """Confirm on GET, delete on POST (as Django's DeleteView does since 4.0, in `form_valid`)."""

    form_class = DeleteConfirmForm

    def get_initial(self):
        """Remember the version being deleted."""
        return {"version": self.get_object().get("version")}

    def form_valid(self, form):
        """Delete, or explain why not and go back to the object."""
        name = self.get_object().get("name", "")
        detail_url = saved_url(self.request, self.get_object())
        try:
            self.get_resource().delete(self.kwargs["pk"], version=form.cleaned_data.get("version"))
        except ApiConflict as exc:
            messages.error(self.request, exc.detail or f"The {self.verbose_name.lower()} could not be deleted.")
            return redirect(detail_url)
        except ApiPreconditionFailed:
            messages.error(
                self.request,
                f"The {self.verbose_name.lower()} changed since you opened it; check it before deleting.",
            )
            return redirect(detail_url)
        except ApiUnavailable:
            return self.form_failed(form, 503, banner=UNAVAILABLE)
        except ApiThrottled as exc:
            return self.form_failed(form, 429, banner=throttled_message(exc))
        messages.success(self.request, f"{self.verbose_name} “{name}” deleted.")
        return redirect(self.get_success_url(None))

    def get_success_url(self, saved):
        """Return the collection's list page."""
        return reverse(f"{self.request.resolver_match.namespace}:list")
