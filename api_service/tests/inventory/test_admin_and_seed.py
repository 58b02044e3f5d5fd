"""The admin shows every user's data; seed_demo makes the requested data set."""

import pytest
from django.core.management import call_command

from inventory.models import Category, Item


@pytest.mark.parametrize("model", ["category", "item"])
def test_admin_changelist_searches_and_filters(admin_client, user, make_item, model):
    make_item(user, "Findable")
    response = admin_client.get(f"/admin/inventory/{model}/?q=Find&owner__id__exact={user.id}")
    assert response.status_code == 200


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
