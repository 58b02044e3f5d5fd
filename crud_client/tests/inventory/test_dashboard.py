"""The dashboard: the figures, the value chart drawn on the server, low stock and the recent changes."""

import re
from decimal import Decimal

import pytest

from inventory.value_chart import value_chart
from tests.conftest import api_url, page_text
from tests.inventory.conftest import HISTORY_ENTRY

STATS = {
    "items": 12,
    "categories": 2,
    "units": 1340,
    "value": "12345.50",
    "out_of_stock": 1,
    "low_stock_count": 2,
    "low_stock": [
        {"id": 7, "name": "Tape measure", "sku": "TAP-1", "quantity": 0, "reorder_level": 0},
        {"id": 8, "name": "Spirit level", "sku": "LEV-1", "quantity": 2, "reorder_level": 5},
    ],
    "by_category": [
        {"id": 1, "name": "Tools", "items": 8, "units": 1000, "value": "10000.00"},
        {"id": None, "name": None, "items": 4, "units": 340, "value": "2345.50"},
    ],
}
RECENT = {"count": 1, "next": None, "previous": None, "results": [HISTORY_ENTRY]}


@pytest.fixture
def dashboard(logged_in_client, api):
    api.get(api_url("stats/"), json=STATS)
    api.get(api_url("history/"), json=RECENT)
    return page_text(logged_in_client.get("/"))


def test_figures_are_shown_large_with_money_as_money(dashboard):
    assert "<dt>Stock value</dt><dd>12,345.50</dd>" in dashboard
    assert "<dt>Units in stock</dt><dd>1,340</dd>" in dashboard
    assert "<dt>Low stock</dt><dd>2</dd>" in dashboard


def test_chart_is_an_inline_svg_with_a_title_and_a_description(dashboard):
    assert '<svg class="chart" role="img" aria-labelledby="chart-title chart-desc"' in dashboard
    assert '<title id="chart-title">Stock value by category</title>' in dashboard
    assert '<desc id="chart-desc">Tools: 10,000.00 (8 items); No category: 2,345.50 (4 items).</desc>' in dashboard


def test_chart_bars_are_as_long_as_their_share_of_the_largest(dashboard):
    assert re.findall(r'class="chart-bar"', dashboard) == ['class="chart-bar"'] * 2
    assert 'width="100.0%" height="14" rx="3" class="chart-bar"' in dashboard
    assert 'width="23.46%" height="14" rx="3" class="chart-bar"' in dashboard


def test_chart_numbers_are_also_a_table_for_screen_readers(dashboard):
    assert re.search(r'<div class="visually-hidden">\s*<table>', dashboard)
    assert '<th scope="row">Tools</th><td>8</td><td>1,000</td><td>10,000.00</td>' in dashboard


def test_low_stock_links_to_each_item(dashboard):
    assert '<a href="/items/8/">Spirit level</a>' in dashboard
    assert "2 left</span>, reorder at 5" in dashboard


def test_recent_changes_read_as_sentences_linking_the_item(dashboard):
    assert 'ada changed <a href="/items/5/">Claw hammer</a>: price from 12.50 to 13.00' in dashboard
    assert "(web)" in dashboard


def test_an_empty_stock_says_what_to_do(logged_in_client, api):
    empty = {**STATS, "items": 0, "units": 0, "value": "0.00", "low_stock": [], "low_stock_count": 0, "by_category": []}
    api.get(api_url("stats/"), json=empty)
    api.get(api_url("history/"), json={**RECENT, "count": 0, "results": []})
    html = page_text(logged_in_client.get("/"))
    assert "Nothing in stock yet." in html and '<svg class="chart"' not in html


def test_the_api_down_shows_the_outage_page(logged_in_client, api):
    api.get(api_url("stats/"), status=503, json={"detail": "Down."})
    assert logged_in_client.get("/").status_code == 503


def test_more_categories_than_bars_are_summed_into_one():
    rows = [{"name": f"C{n}", "items": 1, "units": 1, "value": str(100 - n)} for n in range(10)]
    chart = value_chart(rows)
    assert [bar.label for bar in chart.bars][-1] == "3 other categories"
    assert chart.bars[-1].value == Decimal(93 + 92 + 91) and len(chart.bars) == 8


def test_a_small_value_still_shows_a_sliver_and_none_shows_none():
    chart = value_chart(
        [{"name": "Big", "value": "1000000"}, {"name": "Tiny", "value": "1"}, {"name": "Zero", "value": "0"}]
    )
    assert [bar.percent for bar in chart.bars] == [100.0, 0.5, 0.0]
