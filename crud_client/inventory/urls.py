"""Routes for item and category pages; config/urls.py mounts them under the `items` and `categories` namespaces."""

from django.urls import path

from inventory import bulk_views, csv_views, trash_views, views


def crud_patterns(list_view, create_view, detail_view, update_view, delete_view):
    """Return the five standard routes of a resource."""
    return [
        path("", list_view.as_view(), name="list"),
        path("new/", create_view.as_view(), name="create"),
        path("<int:pk>/", detail_view.as_view(), name="detail"),
        path("<int:pk>/edit/", update_view.as_view(), name="update"),
        path("<int:pk>/delete/", delete_view.as_view(), name="delete"),
    ]


item_urlpatterns = [
    *crud_patterns(
        views.ItemListView, views.ItemCreateView, views.ItemDetailView, views.ItemUpdateView, views.ItemDeleteView
    ),
    path("bulk/delete/", bulk_views.ItemBulkDeleteView.as_view(), name="bulk_delete"),
    path("bulk/move/", bulk_views.ItemBulkMoveView.as_view(), name="bulk_move"),
    path("bulk/adjust/", bulk_views.ItemBulkAdjustView.as_view(), name="bulk_adjust"),
    path("trash/", trash_views.TrashListView.as_view(), name="trash"),
    path("trash/restore/", trash_views.TrashRestoreManyView.as_view(), name="trash_restore"),
    path("trash/<int:pk>/restore/", trash_views.ItemRestoreView.as_view(), name="restore"),
    path("trash/<int:pk>/delete/", trash_views.TrashDeleteView.as_view(), name="trash_delete"),
    path("export/", csv_views.ItemExportView.as_view(), name="export"),
    path("import/", csv_views.ItemImportView.as_view(), name="import"),
    path("import/template.csv", csv_views.ItemImportTemplateView.as_view(), name="import_template"),
    path("import/<slug:import_id>/", csv_views.ItemImportPreviewView.as_view(), name="import_preview"),
    path("import/<slug:import_id>/commit/", csv_views.ItemImportCommitView.as_view(), name="import_commit"),
]
category_urlpatterns = crud_patterns(
    views.CategoryListView,
    views.CategoryCreateView,
    views.CategoryDetailView,
    views.CategoryUpdateView,
    views.CategoryDeleteView,
)
