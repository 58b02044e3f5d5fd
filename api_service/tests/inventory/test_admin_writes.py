"""Staff edits in the Django admin keep the API's guarantees: versions, history, the trash and the owner's rules."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages

from inventory.admin import ItemAdmin
from inventory.models import Category, HistoricalItem, Item, ItemQuerySet
from tests.inventory.admin_forms import ITEMS, admin_form, change_item, item_form

CATEGORIES = "/admin/inventory/category/"


@pytest.fixture
def staff(admin_user):
    return admin_user


@pytest.fixture
def hammer(user, make_item):
    return make_item(user, "Claw hammer", sku="HAM-1", quantity=3, price=Decimal("12.50"))


def form_errors(response) -> dict:
    assert response.status_code == 200, "the form was saved"
    return response.context["adminform"].form.errors


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def category_form(category, **changes) -> dict:
    return admin_form(category, ["owner", "name", "description"], **changes)


def entries(item) -> list:
    return list(HistoricalItem.objects.filter(id=item.pk).order_by("-history_id"))


def test_an_admin_change_bumps_the_items_version(admin_client, hammer):
    assert change_item(admin_client, hammer, price="13.00").status_code == 302
    hammer.refresh_from_db()
    assert (hammer.price, hammer.version) == (Decimal("13.00"), 2)


def test_a_patch_with_the_etag_from_before_an_admin_change_is_412(admin_client, auth_client, hammer):
    etag = auth_client.get(f"/api/v1/items/{hammer.pk}/").headers["ETag"]
    change_item(admin_client, hammer, price="13.00")
    response = auth_client.patch(f"/api/v1/items/{hammer.pk}/", {"quantity": 9}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert Item.objects.get(pk=hammer.pk).quantity == 3


def test_an_admin_change_records_one_entry_by_the_staff_user_with_source_admin(admin_client, staff, hammer):
    change_item(admin_client, hammer, price="13.00", quantity=4)
    [entry] = entries(hammer)
    assert (entry.action, entry.source, entry.history_user_id) == ("updated", "admin", staff.pk)
    assert entry.changes == [
        {"field": "quantity", "old": 3, "new": 4},
        {"field": "price", "old": "12.50", "new": "13.00"},
    ]


def test_an_admin_create_records_created(admin_client, staff, user):
    new = Item(owner=user, name="Mallet", price=Decimal("5.00"))
    assert admin_client.post(f"{ITEMS}add/", item_form(new, loaded_version="")).status_code == 302
    item = Item.objects.get(owner=user, name="Mallet")
    [entry] = entries(item)
    assert (entry.action, entry.source, entry.history_user_id, entry.changes) == ("created", "admin", staff.pk, [])
    assert item.version == 1


def test_an_admin_delete_moves_the_item_to_the_trash_and_records_it(admin_client, staff, hammer):
    assert admin_client.post(f"{ITEMS}{hammer.pk}/delete/", {"post": "yes"}).status_code == 302
    assert Item.all_objects.get(pk=hammer.pk).deleted_at is not None
    [entry] = entries(hammer)
    assert (entry.action, entry.source, entry.history_user_id) == ("deleted", "admin", staff.pk)


def test_the_delete_selected_action_moves_each_item_to_the_trash_and_records_it(admin_client, user, make_item, hammer):
    mallet = make_item(user, "Mallet")
    body = {"action": "delete_selected", "_selected_action": [hammer.pk, mallet.pk], "post": "yes"}
    assert admin_client.post(ITEMS, body).status_code == 302
    assert Item.all_objects.trashed().filter(pk__in=[hammer.pk, mallet.pk]).count() == 2
    assert [e.action for item in (hammer, mallet) for e in entries(item)] == ["deleted", "deleted"]


def test_the_delete_selected_page_lists_items_moving_to_the_trash_apart_from_those_deleted_for_good(
    admin_client, user, make_item, hammer
):
    mallet, saw = make_item(user, "Mallet"), make_item(user, "Saw")
    admin_client.post(f"{ITEMS}{saw.pk}/delete/", {"post": "yes"})
    body = {"action": "delete_selected", "_selected_action": [hammer.pk, mallet.pk, saw.pk]}
    page = admin_client.post(ITEMS, body).content.decode()
    assert (
        "2 items will move to the trash, from where their owners can restore them:</p>\n"
        "    <ul><li>Claw hammer (alice)</li><li>Mallet (alice)</li></ul>"
    ) in page
    assert (
        "1 item in the trash already will be deleted for good, with its history:</p>\n    <ul><li>Saw (alice)</li></ul>"
    ) in page
    assert "Are you sure" not in page
    assert Item.all_objects.filter(pk__in=[hammer.pk, mallet.pk], deleted_at=None).count() == 2


@pytest.mark.parametrize(
    ("trash_first", "title", "button"),
    [
        ([], "Move items to the trash", "Move to the trash"),
        (["hammer", "mallet"], "Delete items for good", "Delete for good"),
        (["mallet"], "Move items to the trash and delete trashed ones for good", "Trash and delete"),
    ],
)
def test_the_delete_selected_page_is_titled_and_its_button_named_for_what_happens(
    admin_client, user, make_item, hammer, trash_first, title, button
):
    items = {"hammer": hammer, "mallet": make_item(user, "Mallet")}
    for name in trash_first:
        admin_client.post(f"{ITEMS}{items[name].pk}/delete/", {"post": "yes"})
    body = {"action": "delete_selected", "_selected_action": [item.pk for item in items.values()]}
    page = admin_client.post(ITEMS, body).content.decode()
    assert f"<h1>{title}</h1>" in page
    assert f"&rsaquo; {title}\n</div>" in page
    assert f"<title>{title} |" in page
    assert f'<input type="submit" value="{button}">' in page
    assert "Delete multiple objects" not in page


def test_an_admin_delete_of_a_trashed_item_deletes_it_and_its_history_for_good(admin_client, hammer):
    admin_client.post(f"{ITEMS}{hammer.pk}/delete/", {"post": "yes"})
    assert admin_client.post(f"{ITEMS}{hammer.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Item.all_objects.filter(pk=hammer.pk).exists()
    assert entries(hammer) == []


def test_a_trashed_item_is_read_only_in_the_admin(admin_client, hammer):
    admin_client.post(f"{ITEMS}{hammer.pk}/delete/", {"post": "yes"})
    assert change_item(admin_client, hammer, name="Renamed").status_code == 403
    assert Item.all_objects.get(pk=hammer.pk).name == "Claw hammer"


def test_another_owners_category_is_refused_with_a_form_error(admin_client, other_user, make_category, hammer):
    theirs = make_category(other_user, "Theirs")
    errors = form_errors(change_item(admin_client, hammer, category=theirs.pk))
    assert errors["category"] == ["This category belongs to mallory, not to the item's owner alice."]
    assert Item.objects.get(pk=hammer.pk).category_id is None


def test_a_sku_another_live_item_of_the_owner_holds_is_refused_with_a_form_error(admin_client, user, make_item, hammer):
    mallet = make_item(user, "Mallet", sku="MAL-1")
    errors = form_errors(change_item(admin_client, mallet, sku="HAM-1"))
    assert errors["sku"] == ["alice already has another item with this SKU."]
    assert Item.objects.get(pk=mallet.pk).sku == "MAL-1"


def test_a_sku_only_a_trashed_item_held_is_free(admin_client, user, make_item, hammer):
    admin_client.post(f"{ITEMS}{hammer.pk}/delete/", {"post": "yes"})
    mallet = make_item(user, "Mallet", sku="MAL-1")
    assert change_item(admin_client, mallet, sku="HAM-1").status_code == 302
    assert Item.objects.get(pk=mallet.pk).sku == "HAM-1"


def test_a_change_opened_before_another_write_is_refused_with_a_form_error(admin_client, auth_client, hammer):
    auth_client.patch(f"/api/v1/items/{hammer.pk}/", {"quantity": 9}, format="json")
    errors = form_errors(change_item(admin_client, hammer, price="13.00"))  # the form still says version 1
    assert "was changed since you opened it (now version 2)" in errors["__all__"][0]
    assert Item.objects.get(pk=hammer.pk).quantity == 9


def test_an_admin_category_change_bumps_its_version(admin_client, user, make_category):
    tools = make_category(user, "Tools")
    body = {"owner": user.pk, "name": "Hand tools", "description": "", "loaded_version": tools.version}
    assert admin_client.post(f"{CATEGORIES}{tools.pk}/change/", body).status_code == 302
    tools = Category.objects.get(pk=tools.pk)
    assert (tools.name, tools.version) == ("Hand tools", 2)


def test_a_category_name_the_owner_has_in_another_case_is_refused_as_the_apis_error_on_name(
    admin_client, user, make_category
):
    make_category(user, "Tools")
    garden = make_category(user, "Garden")
    response = admin_client.post(f"{CATEGORIES}{garden.pk}/change/", category_form(garden, name="TOOLS"))
    assert form_errors(response) == {"name": ["You already have a category with this name."]}
    assert Category.objects.get(pk=garden.pk).name == "Garden"


@pytest.fixture
def sku_check_runs_before_another_writer_commits(monkeypatch):
    """The form's SKU check misses the other writer's item on its first run, as when that writer commits right after.

    A race the test can stage on SQLite too (whose admin transaction holds the write lock from its BEGIN IMMEDIATE):
    the other item exists before the post, and only the first check is blind to it.
    """
    checks = []
    holding_skus = ItemQuerySet.holding_skus

    def checked_before_the_commit(queryset, skus):
        checks.append(skus)
        return queryset.none() if len(checks) == 1 else holding_skus(queryset, skus)

    monkeypatch.setattr(ItemQuerySet, "holding_skus", checked_before_the_commit)
    return checks


def test_a_sku_taken_after_the_forms_check_shows_the_form_again_with_the_typed_values_and_the_reason(
    admin_client, user, make_item, sku_check_runs_before_another_writer_commits
):
    mallet = make_item(user, "Mallet", sku="MAL-1")
    make_item(user, "Claw hammer", sku="HAM-1")
    response = change_item(admin_client, mallet, name="Rubber mallet", sku="HAM-1")
    assert form_errors(response) == {"sku": ["alice already has another item with this SKU."]}
    form = response.context["adminform"].form
    assert (form.data["name"], form.data["sku"]) == ("Rubber mallet", "HAM-1")
    mallet.refresh_from_db()
    assert (mallet.name, mallet.sku, mallet.version, entries(mallet)) == ("Mallet", "MAL-1", 1, [])


def test_a_new_items_sku_taken_after_the_forms_check_shows_the_add_form_again_with_the_typed_values(
    admin_client, user, make_item, sku_check_runs_before_another_writer_commits
):
    make_item(user, "Claw hammer", sku="HAM-1")
    body = {"owner": user.pk, "name": "Rubber mallet", "sku": "HAM-1", "description": "", "category": ""}
    response = admin_client.post(f"{ITEMS}add/", {**body, "quantity": 2, "price": "4.00", "reorder_level": 0})
    assert form_errors(response) == {"sku": ["alice already has another item with this SKU."]}
    assert response.context["adminform"].form.data["name"] == "Rubber mallet"
    assert not Item.objects.filter(name="Rubber mallet").exists()


def test_an_item_changed_after_the_form_loaded_it_shows_the_form_again_with_the_typed_values(
    admin_client, user, hammer, monkeypatch
):
    """Another writer commits between the admin loading the row (its version check passes) and the admin's write."""
    as_loaded = Item.objects.get(pk=hammer.pk)
    Item.objects.filter(pk=hammer.pk).update(quantity=7, version=2)
    loads = []
    get_object = ItemAdmin.get_object

    def loaded_before_the_other_writer_committed(admin, request, object_id, from_field=None):
        loads.append(object_id)
        return as_loaded if len(loads) == 1 else get_object(admin, request, object_id, from_field)

    monkeypatch.setattr(ItemAdmin, "get_object", loaded_before_the_other_writer_committed)
    response = change_item(admin_client, hammer, price="13.00")
    assert form_errors(response) == {
        "__all__": [
            "This item was changed since you opened it (now version 2). "
            "Reload the page to see the changes, then make yours again."
        ]
    }
    assert response.context["adminform"].form.data["price"] == "13.00"
    hammer.refresh_from_db()
    assert (hammer.price, hammer.quantity, hammer.version) == (Decimal("12.50"), 7, 2)


def test_a_unique_clash_no_form_check_names_is_refused_with_the_generic_reason_and_nothing_saved(
    admin_client, user, make_item, monkeypatch
):
    monkeypatch.setattr(ItemQuerySet, "holding_skus", lambda queryset, skus: queryset.none())
    mallet = make_item(user, "Mallet", sku="MAL-1")
    make_item(user, "Claw hammer", sku="HAM-1")
    response = change_item(admin_client, mallet, sku="HAM-1")
    assert (response.status_code, response.url) == (302, f"{ITEMS}{mallet.pk}/change/")
    assert messages_of(response) == ["Nothing was saved: This conflicts with an existing record."]
    mallet.refresh_from_db()
    assert (mallet.sku, mallet.version, entries(mallet)) == ("MAL-1", 1, [])


def test_deleting_a_category_only_trashed_items_hold_detaches_them_as_the_api_does(
    admin_client, user, make_category, make_item
):
    tools = make_category(user, "Tools")
    hammer = make_item(user, category=tools)
    admin_client.post(f"{ITEMS}{hammer.pk}/delete/", {"post": "yes"})
    assert admin_client.post(f"{CATEGORIES}{tools.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Category.objects.filter(pk=tools.pk).exists()
    assert Item.all_objects.get(pk=hammer.pk).category_id is None


def test_the_delete_confirmation_of_a_category_only_trashed_items_hold_lists_nothing_protected(
    admin_client, user, make_category, make_item
):
    tools = make_category(user, "Tools")
    hammer = make_item(user, category=tools)
    admin_client.post(f"{ITEMS}{hammer.pk}/delete/", {"post": "yes"})
    response = admin_client.get(f"{CATEGORIES}{tools.pk}/delete/")
    assert (response.status_code, list(response.context["protected"])) == (200, [])


def test_deleting_a_category_with_a_live_item_goes_back_to_it_with_the_apis_reason(
    admin_client, user, make_category, make_item
):
    tools = make_category(user, "Tools")
    make_item(user, category=tools)
    response = admin_client.post(f"{CATEGORIES}{tools.pk}/delete/", {"post": "yes"})
    assert (response.status_code, response.url) == (302, f"{CATEGORIES}{tools.pk}/change/")
    assert messages_of(response) == [
        "The category “Tools” was not deleted. This category still has 1 item. Move or delete them first."
    ]
    assert Category.objects.filter(pk=tools.pk).exists()


def test_the_delete_page_of_a_category_with_a_live_item_refuses_before_asking(
    admin_client, user, make_category, make_item
):
    tools = make_category(user, "Tools")
    make_item(user, category=tools)
    response = admin_client.get(f"{CATEGORIES}{tools.pk}/delete/")
    assert (response.status_code, response.url) == (302, f"{CATEGORIES}{tools.pk}/change/")


def test_delete_selected_categories_deletes_none_while_one_has_a_live_item(
    admin_client, user, make_category, make_item
):
    empty, tools = make_category(user, "Empty"), make_category(user, "Tools")
    make_item(user, category=tools)
    body = {"action": "delete_selected", "_selected_action": [empty.pk, tools.pk], "post": "yes"}
    response = admin_client.post(CATEGORIES, body)
    assert response.status_code == 302
    assert messages_of(response) == [
        "The category “Tools” was not deleted. This category still has 1 item. Move or delete them first. "
        "Nothing was deleted."
    ]
    assert Category.objects.filter(pk__in=[empty.pk, tools.pk]).count() == 2


def test_delete_selected_categories_detaches_trashed_items_and_deletes_them(
    admin_client, user, make_category, make_item
):
    empty, tools = make_category(user, "Empty"), make_category(user, "Tools")
    hammer = make_item(user, category=tools)
    admin_client.post(f"{ITEMS}{hammer.pk}/delete/", {"post": "yes"})
    body = {"action": "delete_selected", "_selected_action": [empty.pk, tools.pk], "post": "yes"}
    assert admin_client.post(CATEGORIES, body).status_code == 302
    assert not Category.objects.filter(pk__in=[empty.pk, tools.pk]).exists()
    assert Item.all_objects.get(pk=hammer.pk).category_id is None


def test_the_delete_page_of_a_live_item_says_it_moves_to_the_trash(admin_client, hammer):
    page = admin_client.get(f"{ITEMS}{hammer.pk}/delete/").content.decode()
    assert "The item “Claw hammer” will move to the trash, from where its owner can restore it." in page
    assert "Are you sure" not in page


def test_the_delete_page_of_a_trashed_item_says_it_is_deleted_for_good(admin_client, hammer):
    admin_client.post(f"{ITEMS}{hammer.pk}/delete/", {"post": "yes"})
    page = admin_client.get(f"{ITEMS}{hammer.pk}/delete/").content.decode()
    assert "is in the trash already: deleting it removes it and its history for good." in page
