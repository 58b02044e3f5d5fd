"""Request bodies without a Content-Length (chunked) are held to the same size limit as the others."""

import io

import pytest
from django.test import override_settings

from tests.conftest import PASSWORD

LOGIN = "/api/v1/auth/login/"


def chunked_post(client, url, body: bytes, *, terminated=True):
    """POST `body` the way gunicorn hands over a chunked request: no CONTENT_LENGTH, a stream that ends."""
    extra = {"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": ""}
    if terminated:
        extra["wsgi.input_terminated"] = True
    return client.generic("POST", url, body, content_type="application/json", **extra)


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_oversized_chunked_body_is_413_json(api_client, db):
    response = chunked_post(api_client, LOGIN, b'{"username": "' + b"x" * 5000 + b'"}')
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_chunked_body_within_the_limit_is_read(api_client, user):
    response = chunked_post(api_client, LOGIN, f'{{"username": "alice", "password": "{PASSWORD}"}}'.encode())
    assert response.status_code == 200
    assert "token" in response.json()


@pytest.mark.django_db
def test_chunked_body_on_a_server_that_cannot_end_it_is_411(api_client):
    response = chunked_post(api_client, LOGIN, b'{"username": "alice"}', terminated=False)
    assert response.status_code == 411
    assert "Content-Length" in response.json()["detail"]


def test_a_chunked_body_is_held_to_the_views_own_limit(auth_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE, settings.MAX_IMPORT_BYTES = 100, 1000
    within = b"name,price\n" + b"".join(b"Item %d,1.00\n" % n for n in range(40))
    extra = {"HTTP_TRANSFER_ENCODING": "chunked", "CONTENT_LENGTH": "", "wsgi.input_terminated": True}
    url = "/api/v1/items/imports/"
    accepted = auth_client.generic(
        "POST", url, within, content_type="text/csv", **extra, **{"wsgi.input": io.BytesIO(within)}
    )
    assert (accepted.status_code, accepted.json()["create"]) == (201, 40)
    over = within * 3
    refused = auth_client.generic(
        "POST", url, over, content_type="text/csv", **extra, **{"wsgi.input": io.BytesIO(over)}
    )
    assert (refused.status_code, refused.json()) == (
        413,
        {"detail": "Request body too large: the limit is 1000 bytes."},
    )
