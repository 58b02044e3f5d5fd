"""API documentation pages (Swagger UI, Redoc) that reach no site but this one."""

from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView

# The bundles are served locally (sidecar), but Redoc's sidebar still shows a logo from cdn.redoc.ly and
# Swagger UI can show a badge from validator.swagger.io; the browser may fetch images, fonts and data from
# this site only, so reading the docs tells no third party about the reader or the schema.
DOCS_CONTENT_SECURITY_POLICY = "img-src 'self' data:; font-src 'self' data:; connect-src 'self'"


class LocalOnlyMixin:
    """Add the docs' Content-Security-Policy to the page."""

    def dispatch(self, request, *args, **kwargs):
        """Serve the page with a policy that keeps the browser on this site."""
        response = super().dispatch(request, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_CONTENT_SECURITY_POLICY
        return response


class SwaggerView(LocalOnlyMixin, SpectacularSwaggerView):
    """Serve Swagger UI from local static files."""


class RedocView(LocalOnlyMixin, SpectacularRedocView):
    """Serve Redoc from local static files, without web fonts (see templates/drf_spectacular/redoc.html)."""
