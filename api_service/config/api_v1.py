"""Routes of version 1 of the API, mounted at /api/v1/."""

from django.urls import include, path

urlpatterns = [
    path("auth/", include("accounts.urls")),
    path("", include("inventory.urls")),
]
