"""The Jinja2 environment pages render with: URL reversing, dict rows, undefined names and filters."""

import pytest
from django.template import engines
from django.urls import include, path, set_script_prefix

from common.templating import url

urlpatterns = [path("shop/", include("config.urls"))]


def render(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


def test_url_reverses_a_name_with_arguments():
    assert url("items:detail", 7) == "/items/7/"
    assert url("items:detail", pk=8) == "/items/8/"


def test_url_without_arguments_follows_the_script_prefix(script_prefix):
    assert url("items:list") == "/items/"
    script_prefix("/shop/")
    assert url("items:list") == "/shop/items/"


def test_url_without_arguments_follows_the_urlconf(settings):
    assert url("items:list") == "/items/"
    settings.ROOT_URLCONF = __name__  # this module's urlpatterns: the whole site under /shop/
    assert url("items:list") == "/shop/items/"


def test_a_dict_row_is_looked_up_by_key_first_as_in_django_templates():
    assert render("{{ row.items }}/{{ row.name }}", row={"items": 3, "name": "Bolt"}) == "3/Bolt"


def test_attributes_of_other_objects_still_resolve():
    class Page:
        count = 12

    assert render("{{ page.count }}", page=Page()) == "12"


def test_an_undefined_name_renders_empty_with_debug_on_or_off():
    assert render("[{{ nothing }}][{{ row.missing }}]", row={}) == "[][]"


def test_output_is_escaped_and_linebreaksbr_escapes_before_breaking():
    assert render("{{ text }}", text="<b>") == "&lt;b&gt;"
    assert render("{{ text|linebreaksbr }}", text="<b>\nnext") == "&lt;b&gt;<br>next"
