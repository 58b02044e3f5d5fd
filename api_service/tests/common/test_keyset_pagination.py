"""Keyset (cursor) pagination: opt-in with `?cursor=`, every row once, no OFFSET and no COUNT."""

import base64
import re
from decimal import Decimal
from urllib.parse import quote, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inventory.models import Item

ITEMS = "/api/v1/items/"


@pytest.fixture
def items(user, other_user):
    # Repeated names and prices, so the walk must not lose or repeat rows that tie on the sort key.
    Item.objects.bulk_create(Item(owner=user, name=f"item {n % 7}", price=Decimal(n % 5)) for n in range(45))
    Item.objects.bulk_create(Item(owner=other_user, name="not mine") for _ in range(5))
    return set(Item.objects.filter(owner=user).values_list("id", flat=True))


def walk(client, first_url):
    seen, url, pages = [], first_url, 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        assert "count" not in body
        seen += [row["id"] for row in body["results"]]
        url = body["next"] and urlsplit(body["next"])._replace(scheme="", netloc="").geturl()
        pages += 1
    return seen, pages


def test_a_cursor_walk_visits_each_of_my_items_exactly_once_in_id_order(auth_client, items):
    seen, pages = walk(auth_client, f"{ITEMS}?cursor=&page_size=10")
    assert seen == sorted(items)
    assert pages == 5


def test_a_cursor_walk_keeps_the_filters(auth_client, items):
    seen, _pages = walk(auth_client, f"{ITEMS}?cursor=&page_size=4&min_price=3")
    assert sorted(seen) == sorted(Item.objects.filter(id__in=items, price__gte=3).values_list("id", flat=True))


def test_walking_back_through_previous_links_visits_each_item_once(auth_client, items):
    seen, _pages = walk(auth_client, f"{ITEMS}?cursor=&page_size=10")
    last_page = auth_client.get(f"{ITEMS}?cursor=&page_size=10")
    while last_page.json()["next"]:
        last_page = auth_client.get(urlsplit(last_page.json()["next"])._replace(scheme="", netloc="").geturl())
    back, url = [], last_page.json()["previous"]
    while url:
        body = auth_client.get(urlsplit(url)._replace(scheme="", netloc="").geturl()).json()
        back = [row["id"] for row in body["results"]] + back
        url = body["previous"]
    assert back + [row["id"] for row in last_page.json()["results"]] == seen


# The bound on a page's ids: a subquery taking MIN or MAX over the caller's own live rows only.
_BOUND = (
    r'"ID" {op} \(SELECT {function}\(U0\."ID"\) AS "BOUND" FROM "INVENTORY_ITEM" U0 '
    r'WHERE \(U0\."DELETED_AT" IS NULL AND U0\."OWNER_ID" = (\d+)\)\)'
)


def _bound(page_sql: str, op: str, function: str) -> re.Match | None:
    return re.search(_BOUND.format(op=op, function=function), page_sql)


def test_a_keyset_walk_stops_at_my_last_id(auth_client, user, items):
    with CaptureQueriesContext(connection) as queries:
        auth_client.get(f"{ITEMS}?cursor=&page_size=10")
    page_sql = queries.captured_queries[-1]["sql"].upper()
    bound = _bound(page_sql, "<=", "MAX")
    assert bound is not None and int(bound.group(1)) == user.pk
    assert "MIN(" not in page_sql


def test_a_walk_back_stops_at_my_first_id(auth_client, user, items):
    second = auth_client.get(f"{ITEMS}?cursor=&page_size=10").json()["next"]
    previous = auth_client.get(urlsplit(second)._replace(scheme="", netloc="").geturl()).json()["previous"]
    with CaptureQueriesContext(connection) as queries:
        auth_client.get(urlsplit(previous)._replace(scheme="", netloc="").geturl())
    page_sql = queries.captured_queries[-1]["sql"].upper()
    bound = _bound(page_sql, ">=", "MIN")
    assert bound is not None and int(bound.group(1)) == user.pk
    assert "MAX(" not in page_sql


def test_cursor_with_ordering_is_400_naming_it(auth_client, items):
    response = auth_client.get(f"{ITEMS}?cursor=&ordering=name")
    assert response.status_code == 400
    assert "ordering" in response.json()


def test_numbered_pages_stay_the_default_with_their_count(auth_client, items):
    body = auth_client.get(ITEMS).json()
    assert body["count"] == 45 and "page=2" in body["next"]


def test_keyset_pages_run_no_count_and_no_offset(auth_client, items):
    first = auth_client.get(f"{ITEMS}?cursor=&page_size=10").json()["next"]
    with CaptureQueriesContext(connection) as queries:
        auth_client.get(urlsplit(first)._replace(scheme="", netloc="").geturl())
    sql = " ".join(query["sql"] for query in queries.captured_queries).upper()
    assert "COUNT(" not in sql and "OFFSET" not in sql


def test_a_cursor_that_is_not_ours_is_400_naming_it(auth_client, items):
    response = auth_client.get(f"{ITEMS}?cursor=not-a-cursor")
    assert response.status_code == 400
    assert response.json() == {"cursor": ["Invalid cursor."]}


# Each decodes (base64 of `p=...`) to a position that is not an id; DRF took them to the database as ids.
@pytest.mark.parametrize("position", ["abc", "1.5", "1e5", "%00", "-3", "99999999999999999999", ""])
@pytest.mark.parametrize("collection", ["items", "categories"])
def test_a_forged_cursor_position_is_400_naming_the_cursor(auth_client, items, position, collection):
    forged = base64.b64encode(f"p={position}".encode()).decode()
    response = auth_client.get(f"/api/v1/{collection}/?cursor={quote(forged)}")
    assert response.status_code == 400
    assert response.json() == {"cursor": ["Invalid cursor."]}


def test_keyset_page_size_follows_the_same_rules(auth_client, items):
    assert len(auth_client.get(f"{ITEMS}?cursor=&page_size=500").json()["results"]) == 45
    assert auth_client.get(f"{ITEMS}?cursor=&page_size=0").status_code == 400


def test_the_schema_describes_cursor_and_an_optional_count(client, db):
    schema = client.get("/api/schema/?format=json").json()
    parameters = {p["name"] for p in schema["paths"]["/api/v1/items/"]["get"]["parameters"]}
    assert {"page", "page_size", "cursor"} <= parameters
    page = schema["components"]["schemas"]["PaginatedItemList"]
    assert page["required"] == ["results"]
