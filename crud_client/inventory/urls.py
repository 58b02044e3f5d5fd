"""Routes for item and category pages; config/urls.py mounts them under the `items` and `categories` namespaces."""

from django.urls import path

from inventory import views


def crud_patterns(list_view, create_view, detail_view, update_view, delete_view):
    """Return the five standard routes of a resource."""
    return [
        path("", list_view.as_view(), name="list"),
        path("new/", create_view.as_view(), name="create"),
        path("<int:pk>/", detail_view.as_view(), name="detail"),
        path("<int:pk>/edit/", update_view.as_view(), name="update"),
        path("<int:pk>/delete/", delete_view.as_view(), name="delete"),
    ]


item_urlpatterns = crud_patterns(
    views.ItemListView, views.ItemCreateView, views.ItemDetailView, views.ItemUpdateView, views.ItemDeleteView
)
category_urlpatterns = crud_patterns(
    views.CategoryListView,
    views.CategoryCreateView,
    views.CategoryDetailView,
    views.CategoryUpdateView,
    views.CategoryDeleteView,
)
