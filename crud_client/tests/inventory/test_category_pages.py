"""Category pages, including the refusal to delete a category that still has items."""

import json
import re

from tests.conftest import api_url, page_text

CATEGORY = {
    "id": 2,
    "name": "Tools",
    "description": "Hand tools",
    "item_count": 3,
    "version": 1,
    "created_at": "2026-01-01T00:00:00Z",
    "updated_at": "2026-01-01T00:00:00Z",
}


def test_list_shows_item_counts(logged_in_client, api):
    api.get(api_url("categories/"), json={"count": 1, "next": None, "previous": None, "results": [CATEGORY]})
    html = logged_in_client.get("/categories/").content.decode()
    assert '<a href="/categories/2/">Tools</a>' in html
    assert '<td data-label="Items" class="number">3</td>' in html


def test_a_new_account_is_offered_its_first_category(logged_in_client, api):
    api.get(api_url("categories/"), json={"count": 0, "next": None, "previous": None, "results": []})
    html = page_text(logged_in_client.get("/categories/"))
    assert "No categories yet" in html
    assert 'href="/categories/new/">' in html and "Add your first category" in html


def test_a_search_without_hits_offers_to_clear_it(logged_in_client, api):
    api.get(api_url("categories/"), json={"count": 0, "next": None, "previous": None, "results": []})
    html = page_text(logged_in_client.get("/categories/?search=paint"))
    assert "No categories match “paint”" in html
    assert '<a href="/categories/">Clear the search</a>' in html
    assert "No categories yet" not in html


def test_the_search_box_sends_its_words_to_the_api(logged_in_client, api):
    api.get(api_url("categories/"), json=listing([CATEGORY]))
    html = logged_in_client.get("/categories/?search=hand+tools").content.decode()
    assert api.calls[0].request.params == {"search": "hand tools", "page": "1", "page_size": "20"}
    assert 'role="search"' in html and 'value="hand tools"' in html


def test_a_search_of_more_than_ten_words_is_refused_without_calling_the_api(logged_in_client, api):
    response = logged_in_client.get("/categories/?search=" + "+".join(["w"] * 11))
    assert response.status_code == 400
    assert "Use at most 10 words." in response.content.decode()
    assert len(api.calls) == 0


def test_the_default_sort_is_marked_and_its_header_sorts_the_other_way(logged_in_client, api):
    api.get(api_url("categories/"), json=listing([CATEGORY]))
    html = logged_in_client.get("/categories/").content.decode()
    assert '<th scope="col" aria-sort="ascending">' in html
    assert '<a href="?ordering=-name">Name<span aria-hidden="true"> ▲</span></a>' in html


def test_create_page_is_titled_new_category_and_cancels_to_the_list(logged_in_client, db):
    html = logged_in_client.get("/categories/new/").content.decode()
    assert "<title>New category · Stockroom</title>" in html and "<h1>New category</h1>" in html
    assert '<a class="button button-quiet" href="/categories/">Cancel</a>' in html


def test_edit_page_is_titled_with_the_categorys_name_and_cancels_to_it(logged_in_client, api):
    api.get(api_url("categories/2/"), json=CATEGORY)
    html = logged_in_client.get("/categories/2/edit/").content.decode()
    assert "<title>Edit Tools · Stockroom</title>" in html and "<h1>Edit “Tools”</h1>" in html
    assert '<a class="button button-quiet" href="/categories/2/">Cancel</a>' in html


def test_create_category(logged_in_client, api):
    api.post(api_url("categories/"), status=201, json=CATEGORY)
    response = logged_in_client.post("/categories/new/", {"name": "Tools", "description": "Hand tools"})
    assert json.loads(api.calls[0].request.body) == {"name": "Tools", "description": "Hand tools"}
    assert response["Location"] == "/categories/2/"


def test_duplicate_name_error_shows_beside_name(logged_in_client, api):
    api.post(api_url("categories/"), status=400, json={"name": ["You already have a category with this name."]})
    response = logged_in_client.post("/categories/new/", {"name": "Tools", "description": "kept"})
    assert response.context_data["form"].errors["name"] == ["You already have a category with this name."]
    assert "kept" in response.content.decode()


def test_deleting_a_category_with_items_shows_the_apis_message_and_deletes_nothing(logged_in_client, api):
    api.get(api_url("categories/2/"), json=CATEGORY)
    api.delete(
        api_url("categories/2/"),
        status=409,
        json={"detail": "This category still has 3 items. Move or delete them first."},
    )
    response = logged_in_client.post("/categories/2/delete/", {"version": "1"}, follow=True)
    html = response.content.decode()
    assert "This category still has 3 items. Move or delete them first." in html
    assert "deleted." not in html
    assert response.redirect_chain == [("/categories/2/", 302)]


def test_deleting_an_empty_category(logged_in_client, api):
    api.get(api_url("categories/2/"), json={**CATEGORY, "item_count": 0})
    api.delete(api_url("categories/2/"), status=204)
    api.get(api_url("categories/"), json={"count": 0, "next": None, "previous": None, "results": []})
    response = logged_in_client.post("/categories/2/delete/", {"version": "1"}, follow=True)
    assert "Category “Tools” deleted." in response.content.decode()


def listing(rows, count=None):
    return {"count": len(rows) if count is None else count, "next": None, "previous": None, "results": rows}


def test_list_sort_headers_toggle_and_are_forwarded(logged_in_client, api):
    api.get(api_url("categories/"), json=listing([CATEGORY]))
    html = logged_in_client.get("/categories/?ordering=item_count").content.decode()
    assert api.calls[0].request.params == {"ordering": "item_count", "page": "1", "page_size": "20"}
    assert 'href="?ordering=-item_count"' in html
    assert 'href="?ordering=name"' in html and 'href="?ordering=updated_at"' in html


def test_list_paginates_with_the_clients_own_links(logged_in_client, api):
    api.get(api_url("categories/"), json=listing([CATEGORY], count=41))
    html = logged_in_client.get("/categories/?page=3").content.decode()
    assert "Page 3 of 3" in html
    assert 'href="?page=2"' in html and "Next" not in html
    assert '<a href="?">' in html  # page 1 is the listing's own address
    assert "127.0.0.1:8000" not in html


def test_list_has_heading_new_link_and_column_headers(logged_in_client, api):
    api.get(api_url("categories/"), json=listing([CATEGORY]))
    html = logged_in_client.get("/categories/").content.decode()
    assert "<h1>Categories</h1>" in html
    assert 'href="/categories/new/">' in html
    assert html.count('<th scope="col"') == 3


def test_detail_links_to_its_items(logged_in_client, api):
    api.get(api_url("categories/2/"), json=CATEGORY)
    html = logged_in_client.get("/categories/2/").content.decode()
    assert "<h1>Tools</h1>" in html and "Hand tools" in html
    assert 'href="/items/?category=2"' in html
    assert 'href="/categories/2/edit/"' in html and 'href="/categories/2/delete/"' in html


def test_foreign_category_is_the_404_page(logged_in_client, api):
    api.get(api_url("categories/8/"), status=404, json={"detail": "No Category matches the given query."})
    assert logged_in_client.get("/categories/8/edit/").status_code == 404


def test_create_says_created(logged_in_client, api):
    api.post(api_url("categories/"), status=201, json=CATEGORY)
    api.get(api_url("categories/2/"), json=CATEGORY)
    response = logged_in_client.post("/categories/new/", {"name": "Tools", "description": "Hand tools"}, follow=True)
    assert "Category “Tools” created." in response.content.decode()


def test_form_has_name_and_description_and_save(logged_in_client, api):
    html = logged_in_client.get("/categories/new/").content.decode()
    assert '<label for="id_name">Name</label>' in html
    assert '<label for="id_description">Description</label>' in html
    assert '<button type="submit">Save</button>' in html
    assert len(api.calls) == 0


def test_update_sends_if_match_and_the_exact_json(logged_in_client, api):
    api.get(api_url("categories/2/"), json=CATEGORY)
    api.put(api_url("categories/2/"), json={**CATEGORY, "name": "Hand tools", "version": 2})
    response = logged_in_client.post("/categories/2/edit/", {"name": "Hand tools", "description": "", "version": "1"})
    put = [c.request for c in api.calls if c.request.method == "PUT"][0]
    assert put.headers["If-Match"] == '"1"'
    assert json.loads(put.body) == {"name": "Hand tools", "description": ""}
    assert response["Location"] == "/categories/2/"


def test_update_conflict_shows_both_versions(logged_in_client, api):
    current = {**CATEGORY, "description": "Their text", "version": 3}
    api.get(api_url("categories/2/"), json=CATEGORY)
    api.put(api_url("categories/2/"), status=412, json={"detail": "Changed.", "current": current})
    response = logged_in_client.post("/categories/2/edit/", {"name": "Tools", "description": "My text", "version": "1"})
    html = response.content.decode()
    assert "Someone else changed this category since you opened it" in html
    assert "My text" in html and "Their text" in html
    assert 'name="version" value="3"' in html


def test_create_while_the_api_is_down_keeps_the_values(logged_in_client, api):
    api.post(api_url("categories/"), status=503, json={"detail": "Database unavailable."})
    response = logged_in_client.post("/categories/new/", {"name": "Tools", "description": "kept"})
    assert response.status_code == 503
    assert "The Stockroom service is unavailable" in response.content.decode()
    assert 'value="Tools"' in response.content.decode()


def test_delete_confirmation_explains_and_deletes_nothing(logged_in_client, api):
    api.get(api_url("categories/2/"), json=CATEGORY)
    html = logged_in_client.get("/categories/2/delete/").content.decode()
    assert "Delete “Tools”?" in html and '<a class="button button-quiet" href="/categories/2/">Cancel</a>' in html
    assert [c.request.method for c in api.calls] == ["GET"]


def test_delete_sends_the_confirmed_version(logged_in_client, api):
    api.get(api_url("categories/2/"), json={**CATEGORY, "item_count": 0})
    api.delete(api_url("categories/2/"), status=204)
    response = logged_in_client.post("/categories/2/delete/", {"version": "1"})
    delete = [c.request for c in api.calls if c.request.method == "DELETE"][0]
    assert delete.headers["If-Match"] == '"1"'
    assert response["Location"] == "/categories/"


def test_numbered_page_links_show_the_first_the_last_and_a_window(logged_in_client, api):
    api.get(api_url("categories/"), json=listing([CATEGORY], count=500))
    html = page_text(logged_in_client.get("/categories/?page=12"))
    numbers = re.findall(r'<span class="visually-hidden">Page </span>(\d+)</a>', html)
    assert numbers == ["1", "10", "11", "12", "13", "14", "25"]
    assert '<a class="pagination__current" href="?page=12" aria-current="page">' in html
    assert html.count('<li class="pagination__gap" aria-hidden="true">…</li>') == 2
