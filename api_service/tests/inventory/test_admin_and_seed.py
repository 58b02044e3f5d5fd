"""The admin shows every user's data; seed_demo makes the requested data set."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inventory.models import Category, Item


@pytest.mark.parametrize(
    ("model", "shown", "not_shown"),
    [("category", "Findable tools", "Findable others"), ("item", "Findable hammer", "Findable elsewhere")],
)
def test_admin_changelist_searches_and_filters(
    admin_client, user, other_user, make_category, make_item, model, shown, not_shown
):
    make_item(user, "Findable hammer", category=make_category(user, "Findable tools"))
    make_item(other_user, "Findable elsewhere", category=make_category(other_user, "Findable others"))
    make_item(user, "Unmatched", category=None)
    response = admin_client.get(f"/admin/inventory/{model}/?q=Findable&owner__id__exact={user.id}")
    html = response.content.decode()
    assert response.status_code == 200
    assert shown in html
    assert not_shown not in html and "Unmatched" not in html


def test_admin_item_list_shows_all_owners(admin_client, user, other_user, make_item):
    make_item(user, "Mine")
    make_item(other_user, "Theirs")
    html = admin_client.get("/admin/inventory/item/").content.decode()
    assert "Mine" in html and "Theirs" in html


@pytest.mark.django_db
def test_seed_demo_creates_the_requested_data(capsys):
    call_command("seed_demo", "--items", "250", "--categories", "7", "--other-users", "2", "--other-items", "10")
    assert Item.objects.filter(owner__username="demo").count() == 250
    assert Category.objects.filter(owner__username="demo").count() == 7
    assert Item.objects.exclude(owner__username="demo").count() == 20
    assert "demo / password:" in capsys.readouterr().out


@pytest.mark.django_db
def test_seed_demo_reset_replaces_the_data():
    call_command("seed_demo", "--items", "30", "--categories", "3", "--other-users", "0")
    call_command("seed_demo", "--items", "20", "--categories", "3", "--other-users", "0", "--reset")
    assert Item.objects.filter(owner__username="demo").count() == 20


@pytest.mark.django_db
def test_seed_demo_refreshes_the_planner_statistics_after_loading():
    with CaptureQueriesContext(connection) as queries:
        call_command("seed_demo", "--items", "10", "--categories", "2", "--other-users", "0")
    assert "ANALYZE" in queries.captured_queries[-1]["sql"]
