"""The site's URLs plus one probe page that calls the API, so middleware tests need no inventory page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from apiclient import api_client_for
from config.urls import urlpatterns as site_urlpatterns


@login_required
def probe(request):
    """Ask the API who the user is and show it inside the site's page chrome."""
    me = api_client_for(request).auth.me()
    return render(request, "base.html", {"me": me})


urlpatterns = [*site_urlpatterns, path("probe/", probe)]
