"""Top-level routes: the versioned API, its schema and docs, health checks and the admin."""

from django.contrib import admin
from django.urls import include, path, re_path

from common.error_views import not_found

urlpatterns = [
    path("api/v1/", include("config.api_v1")),
    path("", include("common.urls")),
    path("admin/", admin.site.urls),
    # API consumers get JSON for unknown URLs even in development, where Django would show its HTML 404.
    re_path(r"^api/", not_found),
]

handler400 = "common.error_views.bad_request"
handler404 = "common.error_views.not_found"
handler500 = "common.error_views.server_error"
