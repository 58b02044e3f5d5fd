"""The page chrome every page shares: navigation, logout button, messages, error pages and the field include."""

import pytest
from django import forms
from django.template import engines
from django.template.loader import render_to_string

from tests.conftest import api_url

pytestmark = pytest.mark.urls("tests.common.urls")


@pytest.fixture
def page(logged_in_client, api):
    api.get(api_url("auth/me/"), json={"id": 1, "username": "alice", "email": "alice@example.com"})
    return logged_in_client.get("/probe/").content.decode()


def test_nav_links_items_and_categories(page):
    assert '<nav aria-label="Main">' in page
    assert 'href="/items/">Items</a>' in page and 'href="/categories/">Categories</a>' in page


def test_header_shows_the_username_and_a_csrf_protected_logout_button(page):
    assert '<span class="username">alice</span>' in page
    form = page[page.index('<form method="post" action="/logout/">') :]
    form = form[: form.index("</form>")]
    assert 'name="csrfmiddlewaretoken"' in form and ">Log out</button>" in form


def test_pages_have_a_skip_link_and_the_shipped_stylesheet(page):
    assert '<a class="skip-link" href="#main">' in page and '<main id="main">' in page
    assert '<link rel="stylesheet" href="/static/css/stockroom.css">' in page


@pytest.mark.django_db
def test_anonymous_pages_have_no_nav_or_logout(client):
    html = client.get("/login/").content.decode()
    assert "<nav" not in html and "Log out" not in html


@pytest.mark.django_db
def test_messages_are_announced_in_a_live_region(logged_in_client, api):
    api.post(api_url("auth/logout/"), status=204)
    html = logged_in_client.post("/logout/", follow=True).content.decode()
    assert 'role="status" aria-live="polite"' in html and "You have been logged out." in html


@pytest.mark.django_db
def test_unavailable_page_says_the_service_is_unavailable(rf):
    html = render_to_string("503.html", request=rf.get("/"))
    assert "The Stockroom service is unavailable" in html and "try again in a moment" in html


def test_server_error_page_stands_alone():
    html = render_to_string("500.html")
    assert "Something went wrong" in html and "{%" not in html


class SampleForm(forms.Form):
    name = forms.CharField(help_text="What it is called.")


def render_field(bound_field) -> str:
    """Render one field through the pages' `ui.field` macro."""
    source = '{% import "includes/macros.html" as ui %}{{ ui.field(bound_field) }}'
    return engines["jinja2"].from_string(source).render({"bound_field": bound_field})


def test_field_macro_marks_an_invalid_field_for_assistive_technology():
    form = SampleForm({"name": ""})
    html = render_field(form["name"])
    assert 'class="field field-invalid"' in html
    assert '<label for="id_name">Name</label>' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert '<ul class="errorlist" id="id_name_error"><li>This field is required.</li></ul>' in html
    assert '<p class="help" id="id_name_helptext">What it is called.</p>' in html


def test_field_macro_puts_errors_right_after_the_input():
    html = render_field(SampleForm({"name": ""})["name"])
    assert html.index('<ul class="errorlist"') > html.index("<input") > html.index("<label")
    assert html.index('<ul class="errorlist"') < html.index('<p class="help"')


def test_field_macro_leaves_a_valid_field_unmarked():
    html = render_field(SampleForm({"name": "Bolt"})["name"])
    assert "aria-invalid" not in html and "errorlist" not in html and 'value="Bolt"' in html
