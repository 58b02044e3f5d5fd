"""API documentation pages (Swagger UI, Redoc) that reach no site but this one."""

import gzip
import hashlib
from functools import lru_cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView

# The bundles are served locally (sidecar); Redoc's bundle is served without its cdn.redoc.ly logo (below) and
# Swagger UI without the validator.swagger.io badge (settings). The browser may fetch images, fonts and data from
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


REDOC_BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
# Redoc 2 draws this image beside "API docs by Redocly" in its sidebar, whatever its options say. The policy
# above stops the request, but the browser then logs a violation on every visit; an empty picture asks nothing.
REDOCLY_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
EMPTY_PICTURE = b"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"


@lru_cache(maxsize=1)
def redoc_bundle() -> tuple[bytes, bytes, str]:
    """Return Redoc's bundle without the remote logo, gzipped too, and its ETag (built once per process)."""
    source = Path(finders.find(REDOC_BUNDLE)).read_bytes().replace(REDOCLY_LOGO, EMPTY_PICTURE)
    return source, gzip.compress(source, mtime=0), f'"{hashlib.sha256(source).hexdigest()[:32]}"'


@require_safe
def redoc_bundle_view(request):
    """Serve Redoc's bundle as settings.REDOC_DIST names it, cached by the browser for a day."""
    source, compressed, etag = redoc_bundle()
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    elif "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(compressed, content_type="text/javascript; charset=utf-8")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(source, content_type="text/javascript; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=86400"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
