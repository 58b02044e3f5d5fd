"""The Jinja2 environment every page renders with: Django's URL reversing, static files and the filters pages use
(money, numbers, dates and stock badges live in common/page_filters.py).

Pages are Jinja2 rather than Django templates because the items page spent more time in Django's template
engine than the API spent answering it; Jinja2 compiles templates to Python and renders the same page in a
fraction of the time (see docs/performance.md).
"""

import functools

from django.conf import settings
from django.template.backends.utils import csrf_input
from django.template.defaultfilters import linebreaksbr
from django.templatetags import static as static_tags
from django.urls import get_script_prefix, get_urlconf, reverse
from jinja2 import Environment

from common.message_actions import message_action
from common.page_filters import FILTERS


def url(viewname: str, *args, **kwargs) -> str:
    """Reverse a URL name the way `{% url %}` does, one without arguments once per process: `url("items:list")`."""
    if not args and not kwargs:
        return _fixed_url(viewname, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


@functools.lru_cache(maxsize=256)
def _fixed_url(viewname: str, urlconf, script_prefix: str) -> str:
    # A URL without arguments depends only on these three; every page reverses the same few for its layout.
    return reverse(viewname, urlconf=urlconf)


@functools.lru_cache(maxsize=256)
def static(path: str) -> str:
    """Return a static file's URL the way `{% static %}` does, once per process (the manifest does not change)."""
    return static_tags.static(path)


class PageCsrfInput:
    """The page's hidden CSRF input, masked once however many of its forms carry it.

    Django's Jinja2 backend masks the token anew for every `{{ csrf_input }}` (32 random characters from the
    operating system each); its own template engine masks it once per page, as this does.
    """

    def __init__(self, request):
        self.request = request

    @functools.cached_property
    def html(self) -> str:
        """Return the `<input>`, masking the token on first use (a page without a form sets no CSRF cookie)."""
        return csrf_input(self.request)

    def __html__(self) -> str:
        return self.html

    __str__ = __html__


def page_csrf_input(request) -> dict:
    """Give templates a `csrf_input` masked once per page (a context processor named in settings.TEMPLATES)."""
    return {"csrf_input": PageCsrfInput(request)}


class PageEnvironment(Environment):
    """Jinja2's environment, looking up `row.name` on a dict as a key first, as Django's engine does.

    Pages show the API's JSON objects, which are dicts: Jinja2 would first try `getattr(row, "name")` and pay
    for an AttributeError on every cell before falling back to the key.
    """

    def getattr(self, obj, attribute):
        """Return `obj[attribute]` for a dict that has the key, else Jinja2's usual attribute-then-item lookup."""
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def environment(**options) -> Environment:
    """Return the environment Django's Jinja2 backend builds (named in settings.TEMPLATES)."""
    env = PageEnvironment(**options)
    env.globals.update(url=url, static=static)
    env.filters["linebreaksbr"] = linebreaksbr
    env.filters.update(FILTERS)
    env.filters["message_action"] = message_action
    return env
