"""Top-level routes of the web client."""

from django.urls import include, path

from inventory.urls import category_urlpatterns, item_urlpatterns

# Django tries routes in order and the accounts' routes share no prefix with these: the busiest pages come first,
# so an items page is not first tried against each of the accounts' routes.
urlpatterns = [
    path("items/", include((item_urlpatterns, "items"))),
    path("categories/", include((category_urlpatterns, "categories"))),
    path("", include("accounts.urls")),
]
