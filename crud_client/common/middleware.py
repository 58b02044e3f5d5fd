"""Request ids, timing (total and time spent in the API), and API errors turned into pages in one place."""

import logging
import re
import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject, empty

from apiclient import ApiError, ApiNotFound, ApiThrottled, ApiUnauthorized, ApiUnavailable, token_has_expired
from common.pending_forms import keep_pending_form, typed_values
from common.request_context import request_id_var

logger = logging.getLogger("stockroom.request")

SESSION_EXPIRED = "Your session has expired. Please log in again."
# The API answers 401 alike for a revoked and an expired token; the expiry kept from the login tells them apart.
SESSION_ENDED_ELSEWHERE = (
    "You were signed out because this session was ended elsewhere: signed out from another device, "
    "a password change, or the account deleted. Please log in again."
)
FORM_KEPT = "What you typed is kept: you will see it again after you log in."

_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class RequestIdMiddleware:
    """Give each request an id (the caller's own when sane), forwarded to the API and returned to the caller."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # META, not request.headers: nothing else reads headers on a page view, and building that mapping walks
        # every environ key.
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = incoming if _SANE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class TimingMiddleware:
    """Log one line per request with its total time and its time in API calls; send both as Server-Timing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.api_time = 0.0
        started = time.perf_counter()
        response = self.get_response(request)
        total_ms = (time.perf_counter() - started) * 1000
        api_ms = request.api_time * 1000
        response["Server-Timing"] = f"app;dur={total_ms:.1f}, api;dur={api_ms:.1f}"
        if logger.isEnabledFor(logging.INFO):
            logger.info(
                "method=%s path=%s status=%s duration_ms=%.1f api_ms=%.1f user_id=%s",
                request.method,
                request.path,
                response.status_code,
                total_ms,
                api_ms,
                _user_id(request),
            )
        return response


def _user_id(request):
    """Return the id of the user the request already loaded, or "-": logging must not cost a session and user query."""
    user = getattr(request, "user", None)
    if isinstance(user, SimpleLazyObject) and user._wrapped is empty:
        return "-"
    return user.pk if user is not None and user.is_authenticated else "-"


class ApiErrorMiddleware:
    """Turn API-client exceptions that views let through into the right page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        """Answer 401 with a fresh login, 404/429/503 with their pages, any other API error with a 502 page."""
        if isinstance(exception, ApiUnauthorized):
            return self.log_in_again(request)
        if isinstance(exception, ApiNotFound):
            return render(request, "404.html", status=404)
        if isinstance(exception, ApiThrottled):
            return render(request, "429.html", {"retry_after": exception.retry_after}, status=429)
        if isinstance(exception, ApiUnavailable):
            logger.warning("API unavailable: %s", exception.detail)
            return render(request, "503.html", status=503)
        if isinstance(exception, ApiError):
            # An answer no view expected (403, 405, 413, ...): say so plainly; it is the API's, not the user's.
            logger.error("Unexpected API answer %s: %s", exception.status, exception.detail)
            return render(request, "api_error.html", {"detail": exception.detail}, status=502)
        return None

    @staticmethod
    def log_in_again(request):
        """End the local session, say why, keep what a POST carried, and send the user to log in and back."""
        reason = SESSION_EXPIRED if token_has_expired(request.session) else SESSION_ENDED_ELSEWHERE
        username = request.user.get_username()
        values = typed_values(request) if request.method == "POST" else {}
        logout(request)
        if values and username:
            keep_pending_form(request, username=username, values=values)
            reason = f"{reason} {FORM_KEPT}"
        messages.info(request, reason)
        next_url = request.get_full_path() if request.method == "GET" else request.path
        return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': next_url})}")


# Everything the pages use ships with the app: no inline scripts or styles, nothing from other origins.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


class SecurityHeadersMiddleware:
    """Add a Content-Security-Policy and a Permissions-Policy to every response (Django 5.2 has neither)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        return response
