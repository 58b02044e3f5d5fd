"""P5's second floor: the web client's own Django stack making the items page's API call, and none of the page.

Served by gunicorn with the client's production settings (django_floor_settings.py): its twelve middleware, its
session store, its signed-in user and its Jinja2 environment, in front of one view that makes the items page's call
through `apiclient` and writes the twenty rows' names. `make bench` times it against the bare floor (floor.py), so
P5's detail shows what Django alone costs before the page's filter form, template and table do anything.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from apiclient import api_client_for

NAMES = engines["jinja2"].from_string("<ul>{% for item in items %}<li>{{ item.name }}</li>{% endfor %}</ul>")


@login_required
def items(request):
    """Answer with the names of the first page of items, fetched as the items page fetches them."""
    page = api_client_for(request).items.list(page=1, page_size=20)
    return HttpResponse(NAMES.render({"items": page.results}, request))


# The client's own URLs stay behind it: the login form the bench signs in through.
urlpatterns = [path("django-floor/items/", items), path("", include("config.urls"))]
