"""Errors outside the happy path answer JSON: unknown URLs and unexpected crashes."""

import pytest
from django.urls import path
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny

from config.urls import urlpatterns as real_urlpatterns


@api_view(["GET"])
@permission_classes([AllowAny])
def crash(request):
    raise RuntimeError("boom")


urlpatterns = [path("api/v1/crash/", crash), *real_urlpatterns]


@pytest.mark.urls("tests.common.test_errors")
def test_unexpected_error_is_json_500_with_request_id(api_client, db, caplog):
    response = api_client.get("/api/v1/crash/", HTTP_X_REQUEST_ID="crash-1")
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error.", "request_id": "crash-1"}
    assert "RuntimeError: boom" in caplog.text


@pytest.mark.django_db
def test_unknown_api_url_is_json_404(api_client):
    response = api_client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_unsupported_method_is_405_json(auth_client):
    response = auth_client.post("/api/v1/auth/me/", {}, format="json")
    assert response.status_code == 405
    assert "detail" in response.json()


@pytest.mark.django_db
def test_unknown_api_url_is_404_json_for_any_method_even_with_a_session_cookie():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.cookies["stockroom_api_csrftoken"] = "x" * 32
    response = client.delete("/api/v1/categories/1.5e-16/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
