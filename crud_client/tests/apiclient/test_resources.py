"""Resource verbs send the right requests; pages carry their own numbers, never the API's links."""

import json

import pytest

from apiclient import ApiClient, Page
from tests.conftest import api_url


def test_list_sends_filters_and_paging_and_drops_empty_values(api):
    api.get(api_url("items/"), json={"count": 45, "next": "http://api/items/?page=3", "previous": None, "results": []})
    page = ApiClient().items.list(search="ham", category="", page=2, page_size=20)
    assert api.calls[0].request.params == {"search": "ham", "page": "2", "page_size": "20"}
    assert (page.page, page.num_pages, page.has_previous, page.has_next) == (2, 3, True, True)
    assert not hasattr(page, "next")


def test_update_sends_put_with_if_match(api):
    api.put(api_url("items/4/"), json={"id": 4})
    ApiClient().items.update(4, {"name": "x"}, version=7)
    request = api.calls[0].request
    assert request.headers["If-Match"] == '"7"'
    assert json.loads(request.body) == {"name": "x"}


def test_delete_sends_if_match_when_a_version_is_known(api):
    api.delete(api_url("categories/2/"), status=204)
    ApiClient().categories.delete(2, version=3)
    assert api.calls[0].request.headers["If-Match"] == '"3"'


@pytest.mark.parametrize(("count", "size", "pages"), [(0, 20, 1), (20, 20, 1), (21, 20, 2), (101, 50, 3)])
def test_page_counts_pages(count, size, pages):
    assert Page(results=[], count=count, page=1, page_size=size).num_pages == pages
