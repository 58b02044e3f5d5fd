"""Category CRUD and validation."""

import re

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from inventory.models import Category
from inventory.serializers import CategorySerializer

URL = "/api/v1/categories/"


def test_create_category_returns_201_with_all_fields(auth_client):
    response = auth_client.post(URL, {"name": "Tools", "description": "Hand tools"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "name", "description", "item_count", "version", "created_at", "updated_at"}
    assert (body["name"], body["item_count"], body["version"]) == ("Tools", 0, 1)
    assert response["ETag"] == '"1"'


def test_a_create_answers_the_category_exactly_as_its_detail_shows_it(auth_client):
    created = auth_client.post(URL, {"name": "Tools", "description": "Hand tools"}, format="json")
    assert created.content == auth_client.get(f"{URL}{created.json()['id']}/").content


def test_duplicate_category_name_in_other_case_is_400(auth_client, user, make_category):
    make_category(user, "Tools")
    response = auth_client.post(URL, {"name": "TOOLS"}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()


def test_same_category_name_for_another_user_is_fine(auth_client, other_user, make_category):
    make_category(other_user, "Tools")
    assert auth_client.post(URL, {"name": "Tools"}, format="json").status_code == 201


def test_renaming_a_category_to_its_own_name_is_fine(auth_client, user, make_category):
    category = make_category(user, "Tools")
    assert auth_client.put(f"{URL}{category.id}/", {"name": "tools"}, format="json").status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 101}, "name"),
        ({}, "name"),
        ({"name": "ok", "description": "d" * 2001}, "description"),
    ],
    ids=["blank-name", "name-over-100", "missing-name", "description-over-2000"],
)
def test_invalid_category_is_400_naming_the_field(auth_client, body, field):
    response = auth_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_item_count_counts_the_categorys_items(auth_client, user, make_category, make_item):
    category = make_category(user)
    make_item(user, category=category)
    make_item(user, "Saw", category=category)
    assert auth_client.get(f"{URL}{category.id}/").json()["item_count"] == 2


def test_item_counts_count_rows_not_ids_so_postgresql_can_read_the_category_index_alone(
    auth_client, user, make_category, make_item
):
    make_item(user, category=make_category(user))
    with CaptureQueriesContext(connection) as queries:
        assert auth_client.get(URL).json()["results"][0]["item_count"] == 1
    counted = [re.findall(r"COUNT\((.*?)\)", query["sql"]) for query in queries.captured_queries]
    # COUNT(id) cannot be answered from an index on category_id alone: at a million items it read every row.
    assert [arguments for arguments in counted if arguments] == [["*"], ["*"]]  # the page count, each item count


def test_deleting_a_category_with_items_is_409_and_deletes_nothing(auth_client, user, make_category, make_item):
    category = make_category(user)
    make_item(user, category=category)
    response = auth_client.delete(f"{URL}{category.id}/")
    assert response.status_code == 409
    assert response.json() == {"detail": "This category still has 1 item. Move or delete them first."}
    assert Category.objects.filter(pk=category.pk).exists()


def test_deleting_an_empty_category_is_204(auth_client, user, make_category):
    category = make_category(user)
    assert auth_client.delete(f"{URL}{category.id}/").status_code == 204
    assert not Category.objects.filter(pk=category.pk).exists()


def test_search_matches_name_and_description(auth_client, user, make_category):
    make_category(user, "Garden", description="Hoses and rakes")
    make_category(user, "Kitchen")
    assert [c["name"] for c in auth_client.get(f"{URL}?search=rakes").json()["results"]] == ["Garden"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("item_count", ["B", "A"]),
        ("-item_count", ["A", "B"]),
        ("name", ["A", "B"]),
        ("-name", ["B", "A"]),
        ("created_at", ["A", "B"]),
        ("-created_at", ["B", "A"]),
        ("updated_at", ["A", "B"]),
        ("-updated_at", ["B", "A"]),
    ],
)
def test_categories_order_by_requested_field(auth_client, user, make_category, make_item, ordering, expected):
    a, _b = make_category(user, "A"), make_category(user, "B")
    make_item(user, category=a)
    names = [c["name"] for c in auth_client.get(f"{URL}?ordering={ordering}").json()["results"]]
    assert names == expected


@pytest.mark.parametrize(
    ("query", "param"), [("ordering=price", "ordering"), ("category=1", "category"), ("serch=x", "serch")]
)
def test_invalid_category_list_parameter_is_400_naming_it(auth_client, query, param):
    response = auth_client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert param in response.json()


def test_name_taken_between_validation_and_save_is_400_naming_the_field(auth_client, user, make_category, monkeypatch):
    make_category(user, "Tools")
    category = make_category(user, "Garden")
    first_check = iter([True])
    validate_name = CategorySerializer.validate_name

    def blind_first_check(serializer, value):
        # The first check runs before the competing row exists, as when two requests race.
        return value if next(first_check, False) else validate_name(serializer, value)

    monkeypatch.setattr(CategorySerializer, "validate_name", blind_first_check)
    response = auth_client.patch(f"{URL}{category.id}/", {"name": "TOOLS"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"name": ["You already have a category with this name."]}
    category.refresh_from_db()
    assert (category.name, category.version) == ("Garden", 1)


@pytest.mark.parametrize(
    "query",
    ["page=9223372036854775808", "page=9223372036854775807", "page=-1", "page=abc", "page_size=-1", "page_size=abc"],
)
def test_hostile_page_values_are_a_json_4xx(auth_client, user, make_category, query):
    make_category(user)
    response = auth_client.get(f"{URL}?{query}")
    assert 400 <= response.status_code < 500
    assert response.json()


def test_page_size_is_capped_at_100_for_categories(auth_client, user):
    Category.objects.bulk_create(Category(owner=user, name=f"c{n:03d}") for n in range(101))
    body = auth_client.get(f"{URL}?page_size={2**63}").json()
    assert (body["count"], len(body["results"])) == (101, 100)


def test_category_that_gains_an_item_after_the_emptiness_check_is_409(
    auth_client, user, make_category, make_item, monkeypatch
):
    category = make_category(user)
    make_item(user, category=category)
    # The check sees no items, as when a concurrent request files one in just after it: the delete must still refuse.
    real_count, first = QuerySet.count, iter([True])
    monkeypatch.setattr(QuerySet, "count", lambda qs: 0 if next(first, False) else real_count(qs))
    response = auth_client.delete(f"{URL}{category.id}/")
    assert response.status_code == 409
    assert response.json() == {"detail": "This category still has 1 item. Move or delete them first."}
    assert Category.objects.filter(pk=category.pk).exists()
