"""Errors raised outside DRF: JSON under /api/, Django's HTML pages elsewhere."""

import pytest
from django.test import Client
from django.urls import path

from config.urls import urlpatterns as real_urlpatterns


def plain_django_crash(request):
    raise RuntimeError("plain boom")


urlpatterns = [
    path("api/v1/plain-crash/", plain_django_crash),
    path("plain-crash/", plain_django_crash),
    *real_urlpatterns,
]
handler400 = "common.error_views.bad_request"
handler404 = "common.error_views.not_found"
handler500 = "common.error_views.server_error"


@pytest.fixture
def client_without_reraise():
    return Client(raise_request_exception=False)


@pytest.mark.urls("tests.common.test_error_pages")
def test_crash_outside_drf_under_api_is_json_500_with_request_id(client_without_reraise, settings):
    settings.DEBUG = False
    response = client_without_reraise.get("/api/v1/plain-crash/", HTTP_X_REQUEST_ID="plain-1")
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error.", "request_id": "plain-1"}
    assert response["X-Request-ID"] == "plain-1"


@pytest.mark.urls("tests.common.test_error_pages")
def test_crash_outside_api_keeps_djangos_html_500(client_without_reraise, settings):
    settings.DEBUG = False
    response = client_without_reraise.get("/plain-crash/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_unknown_url_outside_api_keeps_djangos_html_404(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_too_many_query_parameters_under_api_is_json_400(client, settings):
    settings.DEBUG = False
    query = "&".join(f"p{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.get(f"/api/v1/auth/me/?{query}")
    assert response.status_code == 400
    assert response.json() == {"detail": "Bad request."}


@pytest.mark.django_db
def test_disallowed_host_under_api_is_json_400(client, settings):
    settings.DEBUG = False
    response = client.get("/api/v1/auth/me/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.json() == {"detail": "Bad request."}
