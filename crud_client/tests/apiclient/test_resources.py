"""Resource verbs send the right requests; pages carry their own numbers, never the API's links."""

import json

import pytest

from apiclient import ApiClient, ApiNotFound, ApiValidationError, Page
from tests.api_payloads import category, item, page, session, user
from tests.conftest import api_url

# What each account verb's endpoint answers when it succeeds.
ANSWERS = {
    "auth/me/": {"PATCH": (200, user(email="a@example.com")), "DELETE": (204, None)},
    "auth/password/reset/": {"POST": (202, {"detail": "If an account has this email address…"})},
}


def test_list_sends_filters_and_paging_and_drops_empty_values(api):
    api.get(api_url("items/"), json=page([], count=45, next=api_url("items/?page=3")))
    listing = ApiClient(token="t").items.list(search="ham", category="", page=2, page_size=20)
    assert api.calls[0].request.params == {"search": "ham", "page": "2", "page_size": "20"}
    assert (listing.page, listing.num_pages, listing.has_previous, listing.has_next) == (2, 3, True, True)
    assert not hasattr(listing, "next")


def test_update_sends_put_with_if_match(api):
    api.put(api_url("items/4/"), json=item(id=4))
    ApiClient(token="t").items.update(4, {"name": "x"}, version=7)
    request = api.calls[0].request
    assert request.headers["If-Match"] == '"7"'
    assert json.loads(request.body) == {"name": "x"}


def test_delete_sends_if_match_when_a_version_is_known(api):
    api.delete(api_url("categories/2/"), status=204)
    ApiClient(token="t").categories.delete(2, version=3)
    assert api.calls[0].request.headers["If-Match"] == '"3"'


@pytest.mark.parametrize(("count", "size", "pages"), [(0, 20, 1), (20, 20, 1), (21, 20, 2), (101, 50, 3)])
def test_page_counts_pages(count, size, pages):
    assert Page(results=[], count=count, page=1, page_size=size).num_pages == pages


def test_items_and_categories_share_the_verbs_on_their_own_paths(api):
    api.get(api_url("items/3/"), json=item(id=3))
    api.get(api_url("categories/3/"), json=category(id=3))
    client = ApiClient(token="t")
    client.items.get(3)
    client.categories.get(3)
    assert [call.request.url for call in api.calls] == [api_url("items/3/"), api_url("categories/3/")]


def test_create_posts_json_without_if_match(api):
    api.post(api_url("categories/"), status=201, json=category(id=1))
    assert ApiClient(token="t").categories.create({"name": "Tools"}) == category(id=1)
    request = api.calls[0].request
    assert json.loads(request.body) == {"name": "Tools"} and "If-Match" not in request.headers


def test_update_without_a_version_sends_no_if_match(api):
    api.put(api_url("items/4/"), json=item(id=4))
    ApiClient(token="t").items.update(4, {"name": "x"})
    assert "If-Match" not in api.calls[0].request.headers


def test_list_defaults_to_the_first_page_of_twenty(api):
    api.get(api_url("categories/"), json=page([category(id=1)], count=3))
    listing = ApiClient(token="t").categories.list()
    assert api.calls[0].request.params == {"page": "1", "page_size": "20"}
    shown = (listing.results, listing.count, listing.page, listing.page_size, listing.num_pages)
    assert shown == ([category(id=1)], 3, 1, 20, 1)
    assert not listing.has_previous and not listing.has_next


def test_list_never_asks_for_more_than_the_apis_largest_page(api):
    api.get(api_url("items/"), json=page([], count=250))
    listing = ApiClient(token="t").items.list(page_size=500)
    assert api.calls[0].request.params["page_size"] == "100"
    assert listing.num_pages == 3


@pytest.mark.parametrize(
    ("verb", "method", "path", "status", "answer"),
    [("me", "GET", "auth/me/", 200, user()), ("logout", "POST", "auth/logout/", 204, None)],
)
def test_auth_verbs_use_their_endpoints(api, verb, method, path, status, answer):
    api.add(method, api_url(path), json=answer, status=status)
    getattr(ApiClient(token="t").auth, verb)()
    assert (api.calls[0].request.method, api.calls[0].request.url) == (method, api_url(path))


def test_register_posts_the_new_account(api):
    api.post(api_url("auth/register/"), status=201, json=user(username="u", email="u@example.com"))
    ApiClient(token="t").auth.register(username="u", email="u@example.com", password="pw-2026-new")
    sent = {"username": "u", "email": "u@example.com", "password": "pw-2026-new"}
    assert json.loads(api.calls[0].request.body) == sent


def test_last_page_has_previous_but_no_next():
    page = Page(results=[], count=41, page=3, page_size=20)
    assert (page.num_pages, page.has_previous, page.has_next) == (3, True, False)


@pytest.mark.parametrize(
    ("call", "method", "path", "body"),
    [
        (lambda auth: auth.update_me(email="a@example.com"), "PATCH", "auth/me/", {"email": "a@example.com"}),
        (
            lambda auth: auth.change_password(old_password=" old ", new_password="new pw 2026 "),
            "POST",
            "auth/password/change/",
            {"old_password": " old ", "new_password": "new pw 2026 "},
        ),
        (lambda auth: auth.logout_all(), "POST", "auth/logoutall/", None),
        (lambda auth: auth.delete_account(password="pw "), "DELETE", "auth/me/", {"password": "pw "}),
        (
            lambda auth: auth.request_password_reset("a@example.com"),
            "POST",
            "auth/password/reset/",
            {"email": "a@example.com"},
        ),
        (
            lambda auth: auth.check_password_reset("MQ", "abc-123"),
            "POST",
            "auth/password/reset/check/",
            {"uid": "MQ", "token": "abc-123"},
        ),
        (
            lambda auth: auth.confirm_password_reset(uid="MQ", token="abc-123", new_password="pw-2026-new"),
            "POST",
            "auth/password/reset/confirm/",
            {"uid": "MQ", "token": "abc-123", "new_password": "pw-2026-new"},
        ),
    ],
)
def test_account_verbs_send_the_contracts_bodies_untrimmed(api, call, method, path, body):
    status, answer = ANSWERS.get(path, {}).get(method, (204, None))
    api.add(method, api_url(path), status=status, json=answer)
    call(ApiClient(token="t").auth)
    request = api.calls[0].request
    assert (request.method, request.url) == (method, api_url(path))
    assert (json.loads(request.body) if request.body else None) == body


def test_sessions_returns_a_page_of_the_users_sessions(api):
    row = session(id="s-1", current=True)
    api.get(api_url("auth/sessions/"), json=page([row], count=101))
    listing = ApiClient(token="t").auth.sessions(page=2)
    assert listing.results == [row] and (listing.count, listing.page, listing.num_pages) == (101, 2, 2)
    assert api.calls[0].request.params == {"page": "2", "page_size": "100"}


def test_revoke_session_quotes_the_opaque_id_into_one_path_segment(api):
    api.delete(api_url("auth/sessions/a%2Fb%3Fc/"), status=204)
    ApiClient(token="t").auth.revoke_session("a/b?c")
    assert api.calls[0].request.url == api_url("auth/sessions/a%2Fb%3Fc/")


def test_update_me_returns_the_user(api):
    api.patch(api_url("auth/me/"), json=user(email="new@example.com"))
    assert ApiClient(token="t").auth.update_me(email="new@example.com")["email"] == "new@example.com"


def test_request_password_reset_returns_the_apis_words(api):
    api.post(api_url("auth/password/reset/"), status=202, json={"detail": "If an account has this email address…"})
    assert ApiClient(token="t").auth.request_password_reset("a@example.com") == "If an account has this email address…"


def test_a_dead_reset_link_is_a_validation_error_on_the_token(api):
    message = "This password reset link has been used or has expired. Ask for a new one."
    api.post(api_url("auth/password/reset/check/"), status=400, json={"token": [message]})
    with pytest.raises(ApiValidationError) as caught:
        ApiClient(token="t").auth.check_password_reset("MQ", "used")
    assert caught.value.field_errors == {"token": [message]}


def test_revoking_an_unknown_or_foreign_session_is_not_found(api):
    api.delete(api_url("auth/sessions/nope/"), status=404, json={"detail": "Not found."})
    with pytest.raises(ApiNotFound):
        ApiClient(token="t").auth.revoke_session("nope")
