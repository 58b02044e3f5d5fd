"""The filters pages show values with: money, numbers, dates and the stock badge."""

from datetime import UTC, datetime

import pytest
from django.template import engines

from common.page_filters import day, money, number, stock_badge, when

NOW = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)


def render(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


@pytest.mark.parametrize(
    ("value", "shown"),
    [("1234.5", "1,234.50"), ("0.00", "0.00"), ("99999999.99", "99,999,999.99"), (12, "12.00"), ("-3.10", "-3.10")],
)
def test_money_has_thousands_separators_and_two_decimals(value, shown):
    assert money(value) == shown


def test_money_puts_the_configured_symbol_before_the_amount(settings):
    settings.CLIENT_CURRENCY = "£"
    assert money("1234.50") == "£1,234.50"
    assert money("-2") == "-£2.00"


def test_money_puts_a_currency_code_before_the_amount_with_a_space(settings):
    settings.CLIENT_CURRENCY = "EUR"
    assert money("5") == "EUR\u00a05.00"


def test_money_without_a_value_is_a_dash_and_an_unreadable_one_is_shown_as_it_is():
    assert money(None) == "—"
    assert money("n/a") == "n/a"


def test_number_has_thousands_separators():
    assert (number(1234567), number(0), number(None), number("x")) == ("1,234,567", "0", "—", "x")


@pytest.mark.parametrize(("shown", "text"), [(when, "28 Nov 2026, 14:02"), (day, "28 Nov 2026")])
def test_a_time_reads_like_a_date_and_keeps_the_exact_time_in_its_title(shown, text):
    iso = "2026-11-28T14:02:09.258120Z"
    assert str(shown(iso)) == f'<time datetime="{iso}" title="{iso}">{text}</time>'


# 14:02 UTC on 28 Nov is 09:02 in New York; 02:00 UTC on 28 Dec is still the 27th there.
@pytest.mark.parametrize(
    ("shown", "moment", "text"),
    [(when, "2026-11-28T14:02:00Z", "28 Nov 2026, 09:02"), (day, "2026-12-28T02:00:00Z", "27 Dec 2026")],
)
def test_a_time_is_shown_in_the_clients_time_zone(shown, moment, text, settings):
    settings.TIME_ZONE = "America/New_York"
    assert f">{text}<" in str(shown(moment))


def test_when_says_today_and_yesterday_when_asked():
    assert ">today, 14:02<" in str(when("2026-11-28T14:02:00Z", relative=True, now=NOW))
    assert ">yesterday, 23:59<" in str(when("2026-11-27T23:59:00Z", relative=True, now=NOW))
    assert ">26 Nov 2026, 10:00<" in str(when("2026-11-26T10:00:00Z", relative=True, now=NOW))


@pytest.mark.parametrize("shown", [when, day])
def test_a_time_without_a_value_is_a_dash_and_an_unreadable_one_is_shown_as_it_is(shown):
    assert (shown(None), shown("soon")) == ("—", "soon")


def test_when_escapes_what_it_is_given_in_the_page():
    assert "<b>" not in render("{{ value|when }}", value="<b>")


@pytest.mark.parametrize(
    ("item", "badge"),
    [
        ({"quantity": 0}, '<span class="badge badge-danger">Out of stock</span>'),
        ({"quantity": 2, "reorder_level": 5}, '<span class="badge badge-warning">Low stock</span>'),
        ({"quantity": 5, "reorder_level": 5}, '<span class="badge badge-warning">Low stock</span>'),
        ({"quantity": 6, "reorder_level": 5}, '<span class="badge badge-quiet">In stock</span>'),
        ({"quantity": 1}, '<span class="badge badge-quiet">In stock</span>'),
    ],
)
def test_stock_badge_says_out_low_or_in_stock_in_words(item, badge):
    assert str(stock_badge(item)) == badge


def test_every_filter_is_in_the_pages_environment():
    html = render(
        "{{ p|money }} {{ q|number }} {{ item|stock_badge }} {{ t|when }} {{ t|day }}",
        p="3",
        q=1000,
        item={"quantity": 0},
        t="2026-01-02T03:04:00Z",
    )
    assert html.startswith('3.00 1,000 <span class="badge badge-danger">Out of stock</span> <time')
    assert html.endswith(">2 Jan 2026</time>")
