"""Top-level routes: the versioned API, its schema and docs, health checks and the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("config.api_v1")),
    path("", include("common.urls")),
    path("admin/", admin.site.urls),
]
