"""CSV import, step two: the commit applies the preview in one transaction, once, or refuses and says why."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from inventory.imports import item_import_commit
from inventory.models import Category, Item, ItemImport
from tests.conftest import client_for, race

URL = "/api/v1/items/imports/"
HEADER = "sku,name,description,category,quantity,price"


def preview(client, *lines):
    body = ("\r\n".join(lines) + "\r\n").encode()
    response = client.generic("POST", URL, body, content_type="text/csv")
    assert response.status_code == 201, response.content
    return response.json()


def commit(client, report):
    return client.post(f"{URL}{report['id']}/commit/")


def test_commit_creates_and_updates_and_answers_the_counts(auth_client, user, make_item, make_category):
    make_category(user, "Tools")
    hammer = make_item(user, "Claw hammer", sku="HAM-1", quantity=3, price=Decimal("12.50"))
    make_item(user, "Saw", sku="SAW-1", quantity=1, price=Decimal("20.00"))
    report = preview(
        auth_client,
        HEADER,
        "HAM-1,Claw hammer,,tools,3,13.00",
        "SAW-1,Saw,,,1,20.00",
        "NEW-1,Level,Spirit level,Garden,2,5.50",
        ",Nail,,,100,",
    )
    response = commit(auth_client, report)
    assert response.status_code == 200
    assert response.json() == {"created": 2, "updated": 1, "unchanged": 1, "categories_created": 1}
    hammer.refresh_from_db()
    assert (hammer.price, hammer.category.name, hammer.version) == (Decimal("13.00"), "Tools", 2)
    level = Item.objects.get(sku="NEW-1")
    assert (level.name, level.description, level.category.name, level.quantity, level.owner) == (
        "Level",
        "Spirit level",
        "Garden",
        2,
        user,
    )
    assert Item.objects.get(name="Nail").price == Decimal("0.00")
    assert Item.objects.get(sku="SAW-1").version == 1


def test_a_committed_import_reads_as_committed(auth_client, db):
    report = preview(auth_client, HEADER, "A,Anvil,,,1,1.00")
    commit(auth_client, report)
    assert auth_client.get(f"{URL}{report['id']}/").json()["status"] == "committed"


def test_committing_an_import_with_errors_is_400_and_writes_nothing(auth_client, db):
    report = preview(auth_client, HEADER, "A,Anvil,,,1,1.00", "B,Bolt,,,1,cheap")
    response = commit(auth_client, report)
    assert response.status_code == 400
    assert response.json() == {"detail": "The import has errors; fix the file and upload it again."}
    assert not Item.objects.exists()


def test_committing_twice_is_409_and_creates_once(auth_client, db):
    report = preview(auth_client, HEADER, "A,Anvil,,,1,1.00")
    assert commit(auth_client, report).status_code == 200
    again = commit(auth_client, report)
    assert again.status_code == 409
    assert again.json() == {"detail": "This import was already committed."}
    assert Item.objects.count() == 1


def test_items_changed_since_the_preview_is_409_with_a_fresh_report(auth_client, user, make_item):
    hammer = make_item(user, "Claw hammer", sku="HAM-1", price=Decimal("12.50"))
    report = preview(auth_client, HEADER, "HAM-1,Claw hammer,,,1,13.00", "NEW-1,Level,,,2,5.50")
    auth_client.patch(f"/api/v1/items/{hammer.id}/", {"price": "14.00"}, format="json")
    response = commit(auth_client, report)
    assert response.status_code == 409
    body = response.json()
    assert body["detail"] == "Your items changed since the preview; check the new preview."
    assert body["report"]["id"] == report["id"]
    assert body["report"]["to_update"][0]["changes"]["price"] == ["14.00", "13.00"]
    assert not Item.objects.filter(sku="NEW-1").exists()
    hammer.refresh_from_db()
    assert hammer.price == Decimal("14.00")
    assert auth_client.get(f"{URL}{report['id']}/").json() == body["report"]


def test_after_a_409_committing_the_fresh_preview_applies_it(auth_client, user, make_item):
    hammer = make_item(user, "Claw hammer", sku="HAM-1", price=Decimal("12.50"))
    report = preview(auth_client, HEADER, "HAM-1,Claw hammer,,,1,13.00")
    Item.objects.filter(pk=hammer.pk).update(quantity=5, version=2)
    assert commit(auth_client, report).status_code == 409
    assert commit(auth_client, report).json()["updated"] == 1
    hammer.refresh_from_db()
    assert (hammer.price, hammer.quantity, hammer.version) == (Decimal("13.00"), 1, 3)


def test_a_sku_taken_since_the_preview_turns_a_create_into_an_update_so_409(auth_client, user, make_item):
    report = preview(auth_client, HEADER, "NEW-1,Level,,,2,5.50")
    make_item(user, "Level", sku="NEW-1")
    response = commit(auth_client, report)
    assert response.status_code == 409
    assert (response.json()["report"]["create"], response.json()["report"]["update"]) == (0, 1)
    assert Item.objects.count() == 1


def test_a_change_that_leaves_the_outcome_alone_does_not_block_the_commit(auth_client, user, make_item):
    hammer = make_item(user, "Claw hammer", sku="HAM-1", price=Decimal("12.50"))
    report = preview(auth_client, "sku,price", "HAM-1,13.00")
    auth_client.patch(f"/api/v1/items/{hammer.id}/", {"description": "Heavy"}, format="json")
    assert commit(auth_client, report).status_code == 200
    hammer.refresh_from_db()
    assert (hammer.price, hammer.description, hammer.version) == (Decimal("13.00"), "Heavy", 3)


def test_a_category_renamed_since_the_preview_is_409(auth_client, user, make_item, make_category):
    tools = make_category(user, "Tools")
    report = preview(auth_client, "name,category", "Anvil,Tools")
    Category.objects.filter(pk=tools.pk).update(name="Hand tools")
    response = commit(auth_client, report)
    assert response.status_code == 409
    assert response.json()["report"]["categories_to_create"] == ["Tools"]


def test_another_users_import_is_404_and_stays_pending(auth_client, other_client, db):
    report = preview(auth_client, HEADER, "A,Anvil,,,1,1.00")
    assert commit(other_client, report).status_code == 404
    assert ItemImport.objects.get().status == "pending"
    assert not Item.objects.exists()


def test_an_expired_import_cannot_be_committed(auth_client, db):
    report = preview(auth_client, HEADER, "A,Anvil,,,1,1.00")
    ItemImport.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert commit(auth_client, report).status_code == 404
    assert not Item.objects.exists()


def test_an_unknown_import_id_is_404(auth_client, db):
    assert auth_client.post(f"{URL}no-such-import/commit/").status_code == 404


def test_a_failure_while_writing_rolls_everything_back(auth_client, user, make_item, monkeypatch):
    from inventory import imports

    make_item(user, "Claw hammer", sku="HAM-1")
    report = preview(auth_client, HEADER, "HAM-1,Claw hammer,,,9,1.00", "NEW-1,Level,,Garden,2,5.50")

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "_update_items", broken)
    with pytest.raises(RuntimeError):
        item_import_commit(item_import=ItemImport.objects.get(pk=report["id"]))
    assert (Item.objects.count(), Category.objects.count()) == (1, 0)
    assert ItemImport.objects.get().status == "pending"


def test_an_item_changed_between_the_plan_and_its_update_fails_the_commit_as_a_whole(
    auth_client, user, make_item, monkeypatch
):
    """The UPDATE itself matches only the version the plan read (SQLite does not lock rows when reading them)."""
    from inventory import imports

    hammer = make_item(user, "Claw hammer", sku="HAM-1")
    report = preview(auth_client, HEADER, "HAM-1,Claw hammer,,,9,1.00", "NEW-1,Level,,,2,5.50")
    create_items = imports._create_items

    def create_then_another_writer_saves(**kwargs):
        create_items(**kwargs)
        Item.objects.filter(pk=hammer.pk).update(version=7)

    monkeypatch.setattr(imports, "_create_items", create_then_another_writer_saves)
    assert commit(auth_client, report).status_code == 409
    assert list(Item.objects.values_list("sku", "quantity", "version")) == [("HAM-1", 0, 1)]
    assert ItemImport.objects.get().status == "pending"


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_commits_of_one_import_apply_it_once(make_user):
    owner = make_user("racer")
    report = preview(client_for(owner), HEADER, *[f"S{n},Item {n},,Cat,1,1.00" for n in range(50)])
    statuses = race(lambda n: client_for(owner).post(f"{URL}{report['id']}/commit/").status_code, 4)
    assert sorted(statuses) == [200, 409, 409, 409]
    assert (Item.objects.filter(owner=owner).count(), Category.objects.filter(owner=owner).count()) == (50, 1)
