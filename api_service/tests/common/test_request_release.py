"""A served request's response, view and rows are freed when the server lets go of it, not by the cyclic GC."""

import gc
import io
import sys
import weakref

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from knox.models import AuthToken
from rest_framework.response import Response
from rest_framework.views import APIView

from inventory.models import Item


def _serve(path: str, token: str):
    """Call the API as gunicorn does: the WSGI handler, the body read, then `close()`; return the response."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "HTTP_AUTHORIZATION": f"Token {token}",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
    }
    # As Django's test client does: the request signals would close the test's connection, and with it (on
    # PostgreSQL) the transaction the test's rows live in.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, lambda status, headers, exc_info=None: None)
        assert response.status_code == 200
        b"".join(response)
        response.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return response


@pytest.fixture
def token(user):
    Item.objects.create(owner=user, name="Chisel", quantity=3, price="9.99")
    return AuthToken.objects.create(user)[1]


@pytest.fixture
def collector_off():
    """Turn Python's cyclic garbage collector off and keep what it finds, so only reference counting frees."""
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    yield
    gc.set_debug(0)
    gc.garbage.clear()
    gc.enable()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/items/", "/api/v1/categories/", "/api/v1/auth/me/"])
def test_a_response_is_freed_as_soon_as_the_server_drops_it(token, collector_off, path):
    response = weakref.ref(_serve(path, token))
    assert response() is None


@pytest.mark.django_db
def test_no_view_or_response_of_a_served_list_is_left_to_the_cyclic_collector(token, collector_off):
    _serve("/api/v1/items/", token)
    gc.collect()
    left = [type(o).__name__ for o in gc.garbage if isinstance(o, APIView | Response)]
    assert left == []
