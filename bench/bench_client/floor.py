"""The least an items page can cost: the page's API call and nothing else, served like the client.

A bare WSGI app, run by the same gunicorn as the client, that makes the items page's call through the client's
own `apiclient` (requests, a keep-alive session per thread, the same headers) and answers with the row count: no
Django request handling, session, user, form or template. `make bench` times it against the API call for P5, so
the table shows how much of the page's ratio is the hop from one process to another before Django does anything.
"""

import os
import uuid

from django.conf import settings

from config import settings as client_settings

# Only what `apiclient` reads, from the client's own settings module (the same environment variables and
# defaults); no Django app is set up.
settings.configure(**{name: getattr(client_settings, name) for name in dir(client_settings) if name.startswith("API_")})

from apiclient import ApiClient  # noqa: E402  (reads the settings above)

TOKEN = os.environ["BENCH_API_TOKEN"]


def application(environ, start_response):
    """Answer `/healthz` at once; anything else with the row count of the items page's API call."""
    if environ.get("PATH_INFO") == "/healthz":
        body = b"ok"
    else:
        client = ApiClient(token=TOKEN, request_id=uuid.uuid4().hex, end_user_ip=environ.get("REMOTE_ADDR"))
        body = str(len(client.items.list(page=1, page_size=20).results)).encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
