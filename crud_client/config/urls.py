"""Top-level routes of the web client."""

from django.urls import include, path

from inventory.urls import category_urlpatterns, item_urlpatterns

urlpatterns = [
    path("", include("accounts.urls")),
    path("items/", include((item_urlpatterns, "items"))),
    path("categories/", include((category_urlpatterns, "categories"))),
]
