"""Routes outside the versioned API: schema, docs, browsable-API login and health probes."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from accounts.login_pages import browsable_api_urls
from common.docs import RedocView, SwaggerView, redoc_bundle_view
from common.health import healthz, readyz

urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
    # settings.REDOC_DIST points here: Redoc's own bundle, minus the logo it would fetch from a CDN.
    path("api/redoc/bundles/redoc.standalone.js", redoc_bundle_view, name="redoc-bundle"),
    path("api-auth/", include(browsable_api_urls)),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
]
