"""Items as CSV: the export of what the list shows, streamed through from the API, and the two-step import
(upload a file, read its preview, then import it)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from apiclient import ApiConflict, ApiError, ApiNotFound, ApiValidationError
from common.api_views import ApiClientMixin, ApiSubmitMixin
from common.message_actions import MessageAction, add_message
from inventory.category_choices import forget_category_choices
from inventory.forms import ItemImportForm
from inventory.views import ItemListView

# Big enough that a million-row export is not a million tiny writes, small enough to hold nothing of note.
CHUNK_BYTES = 64 * 1024
TEMPLATE_CSV = "sku,name,description,category,quantity,price\r\nHAM-1,Claw hammer,16 oz steel head,Tools,5,12.50\r\n"
EXPIRED = (
    "This import is no longer there: previews are kept for an hour, and only your latest ten. "
    "Upload the file again to see a fresh preview."
)


class UpstreamBody:
    """The body of an open API response, read in chunks as the browser takes them; closed with the response."""

    def __init__(self, upstream):
        self.upstream = upstream

    def __iter__(self):
        return self.upstream.iter_content(CHUNK_BYTES)

    def close(self):
        """Release the connection to the API, also when the browser went away mid-download."""
        self.upstream.close()


class ItemExportView(ItemListView):
    """The items the list shows (its filters, search and ordering, every page) as a CSV download."""

    def get(self, request, *args, **kwargs):
        """Stream the API's CSV to the browser chunk by chunk; invalid filters go back to the list, which names them."""
        self.filter_form = form = self.get_filter_form()
        back = redirect(reverse("items:list") + self.query_with())
        if form is not None and form.is_bound and not form.is_valid():
            return back
        params = self.get_api_params()
        params.pop("page", None)
        params.pop("page_size", None)
        try:
            upstream = self.api.items.export(**params)
        except ApiValidationError:
            return back
        response = StreamingHttpResponse(
            UpstreamBody(upstream), content_type=upstream.headers.get("Content-Type", "text/csv; charset=utf-8")
        )
        response["Content-Disposition"] = upstream.headers.get(
            "Content-Disposition", 'attachment; filename="items.csv"'
        )
        response["Cache-Control"] = "private, no-store"
        return response


class ItemImportTemplateView(LoginRequiredMixin, View):
    """A CSV file with the header line and one example item, to fill in."""

    def get(self, request, *args, **kwargs):
        """Send the template as a download."""
        response = HttpResponse(TEMPLATE_CSV, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="items-template.csv"'
        return response


class ItemImportView(LoginRequiredMixin, ApiSubmitMixin, FormView):
    """Step one of an import: upload a CSV file; the API checks every row and keeps a preview, writing nothing."""

    template_name = "inventory/item_import.html"
    form_class = ItemImportForm

    def form_invalid(self, form):
        """Redisplay the form with why the file was refused, answering 400."""
        return self.form_failed(form, 400)

    def submit(self, form):
        """Send the file (streamed from where Django keeps it) and go to its preview."""
        upload = form.cleaned_data["file"]
        upload.seek(0)
        try:
            report = self.api.item_imports.upload(upload.file)
        except ApiValidationError as exc:
            # "The file is not valid CSV: line 3 …" is about the file: say it beside the file field.
            for message in exc.non_field_errors + [m for messages in exc.field_errors.values() for m in messages]:
                form.add_error("file", message)
            return self.form_failed(form, 400)
        except ApiError as exc:
            if exc.status not in (413, 415):
                raise
            form.add_error("file", exc.detail or "The API did not take this file.")
            return self.form_failed(form, 400)
        return redirect("items:import_preview", import_id=report["id"])


class ImportReportMixin(LoginRequiredMixin, ApiClientMixin):
    """Read an import's preview; one that expired or is someone else's gets a page saying what to do."""

    def expired(self):
        """Say the import is gone and offer a fresh upload."""
        return render(self.request, "inventory/item_import_expired.html", {"message": EXPIRED}, status=404)


class ItemImportPreviewView(ImportReportMixin, TemplateView):
    """Step two: what the import will do (counts, errors by line, the first rows it creates and updates)."""

    template_name = "inventory/item_import_preview.html"

    def get(self, request, *args, **kwargs):
        """Show the preview, or say that it expired."""
        try:
            report = self.api.item_imports.get(kwargs["import_id"])
        except ApiNotFound:
            return self.expired()
        return self.render_to_response(self.get_context_data(report=report))

    def get_context_data(self, **kwargs):
        """Add how many items the import writes, which names its button ("Import 120 items")."""
        report = kwargs["report"]
        kwargs["to_write"] = report["create"] + report["update"]
        kwargs["more_errors"] = report["error_count"] - len(report["errors"])
        return super().get_context_data(**kwargs)


class ItemImportCommitView(ImportReportMixin, View):
    """Step three: apply the import, all or nothing, then show the list with what it did."""

    def post(self, request, *args, **kwargs):
        """Commit; a preview outdated by changes to the items since is shown again, fresh, to be confirmed."""
        import_id = kwargs["import_id"]
        preview = reverse("items:import_preview", kwargs={"import_id": import_id})
        try:
            result = self.api.item_imports.commit(import_id)
        except ApiNotFound:
            return self.expired()
        except ApiConflict as exc:
            if "report" in exc.data:
                messages.warning(
                    request,
                    "Your items changed since this preview, so nothing was imported. "
                    "Below is what the import would do now: check it, then import again.",
                )
                return redirect(preview)
            messages.info(request, exc.detail or "This import was already done.")
            return redirect("items:list")
        except ApiValidationError as exc:
            messages.error(request, exc.detail or "The import has errors; fix the file and upload it again.")
            return redirect(preview)
        if result.get("categories_created"):
            forget_category_choices(request)  # the import made categories the saved list does not have
        add_message(
            request,
            messages.SUCCESS,
            import_summary(result),
            MessageAction("Import another file", reverse("items:import")),
        )
        return redirect("items:list")


def import_summary(result: dict) -> str:
    """Say what an import did: "Imported 12 items: 10 new, 2 updated; 1 new category."."""
    created, updated = result.get("created", 0), result.get("updated", 0)
    total = created + updated
    text = f"Imported {total:,} item{'s' if total != 1 else ''}: {created:,} new, {updated:,} updated"
    categories = result.get("categories_created", 0)
    if categories:
        text += f"; {categories:,} new categor{'ies' if categories != 1 else 'y'}"
    return text + "."
