"""The page chrome every page shares: navigation, logout button, messages, error pages and the field include."""

import pytest
from django import forms
from django.contrib import messages
from django.template import engines
from django.template.loader import render_to_string

from tests.conftest import api_url

pytestmark = pytest.mark.urls("tests.common.urls")


@pytest.fixture
def page(logged_in_client, api):
    api.get(api_url("auth/me/"), json={"id": 1, "username": "alice", "email": "alice@example.com"})
    return logged_in_client.get("/probe/").content.decode()


def test_nav_links_items_and_categories(page):
    assert '<nav class="site-nav" aria-label="Main">' in page
    assert 'href="/items/">Items</a>' in page and 'href="/categories/">Categories</a>' in page


def test_header_puts_account_and_a_csrf_protected_logout_button_in_a_menu_under_the_username(page):
    menu = page[page.index('<details class="account-menu">') :]
    menu = menu[: menu.index("</details>")]
    assert '<span class="username">alice</span>' in menu
    assert '<a class="account-menu__item" href="/account/">Account</a>' in menu
    form = menu[menu.index('<form method="post" action="/logout/">') :]
    assert 'name="csrfmiddlewaretoken"' in form and ">Log out</button>" in form


def test_pages_have_a_skip_link_and_the_shipped_stylesheets_tokens_first(page):
    assert '<a class="skip-link" href="#main">' in page and '<main id="main" class="page" tabindex="-1">' in page
    tokens = page.index('<link rel="stylesheet" href="/static/css/tokens.css">')
    assert tokens < page.index('<link rel="stylesheet" href="/static/css/stockroom.css">')


def test_the_only_script_is_the_apps_own_file_loaded_deferred(page):
    assert page.count("<script") == 1
    assert '<script src="/static/js/stockroom.js" defer></script>' in page


def test_pages_name_their_icon(page):
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page


@pytest.mark.django_db
def test_favicon_ico_is_served_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_inline_icons_beside_words_are_hidden_from_screen_readers(page):
    brand = page[page.index('<a class="brand"') :]
    brand = brand[: brand.index("</a>")]
    assert 'aria-hidden="true"' in brand and brand.endswith("Stockroom")


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
def test_success_and_info_messages_can_be_dismissed_errors_cannot(rf):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = rf.get("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    messages.success(request, "Saved.")
    messages.error(request, "Not saved.")
    html = render_to_string("404.html", request=request)
    assert '<div class="message message-success" data-dismissible>' in html
    assert '<div class="message message-error">' in html
    assert '<p class="message-text">Saved.</p>' in html and '<p class="message-text">Not saved.</p>' in html
    # The dismiss button is a template the script copies in: without JavaScript no button does nothing.
    assert '<template id="dismiss-button"><button type="button" class="message-dismiss">' in html


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


class TwoFieldForm(forms.Form):
    name = forms.CharField()
    price = forms.DecimalField()

    def clean(self):
        raise forms.ValidationError("Check the whole form.")


def render_macro(call: str, **context) -> str:
    source = '{% import "includes/macros.html" as ui %}' + call
    return engines["jinja2"].from_string(source).render(context)


def test_error_summary_says_there_is_a_problem_and_links_each_error_to_its_field():
    form = TwoFieldForm({"name": "", "price": "abc"})
    html = render_macro("{{ ui.error_summary(form) }}", form=form)
    assert '<h2 id="error-summary-title">There is a problem</h2>' in html
    assert '<li><a href="#id_name">Name: This field is required.</a></li>' in html
    assert '<li><a href="#id_price">Price: Enter a number.</a></li>' in html
    assert "<li>Check the whole form.</li>" in html


def test_error_summary_takes_focus_and_is_announced():
    html = render_macro("{{ ui.error_summary(form) }}", form=TwoFieldForm({"name": ""}))
    assert 'data-error-summary tabindex="-1" autofocus' in html and 'role="alert"' in html


def test_error_summary_is_absent_from_an_unbound_or_valid_form():
    assert render_macro("{{ ui.error_summary(form) }}", form=TwoFieldForm()).strip() == ""


def test_page_header_has_breadcrumbs_one_heading_and_the_primary_action():
    html = render_macro(
        '{% call ui.page_header("Hammer", crumbs=[("Items", "/items/")]) %}<a href="/e/">Edit</a>{% endcall %}'
    )
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<li><a href="/items/">Items</a></li>' in html
    assert '<li class="breadcrumbs__current" aria-current="page"><span>Hammer</span></li>' in html
    assert html.count("<h1>") == 1 and '<div class="page-header__actions"><a href="/e/">Edit</a></div>' in html


def test_form_actions_put_the_way_back_beside_the_button():
    html = render_macro('{{ ui.form_actions("Delete item", "/items/5/", kind="danger") }}')
    assert '<button type="submit" class="button-danger">Delete item</button>' in html
    assert '<a class="button button-quiet" href="/items/5/">Cancel</a>' in html


def test_a_checkbox_has_its_label_after_the_box():
    class Remember(forms.Form):
        remember = forms.BooleanField(required=False, label="Keep me signed in")

    html = render_field(Remember()["remember"])
    assert 'class="field field-check"' in html
    assert html.index('type="checkbox"') < html.index('<label for="id_remember">Keep me signed in</label>')
