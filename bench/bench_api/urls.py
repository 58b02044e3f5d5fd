"""The API's own URLs plus `/bench/control/…`: plain Django views the API is measured against."""

from django.urls import include, path

from bench_api import controls

urlpatterns = [
    path("bench/control/items/", controls.item_list_or_create),
    path("bench/control/items/<int:pk>/", controls.item_detail),
    path("", include("config.urls")),
]
