"""Signing out one device, and every device but this one."""

import requests
from responses import matchers

from tests.accounts.test_account_pages import PHONE, THIS, sessions_page
from tests.api_payloads import user
from tests.conftest import api_url, page_text

TABLET = {**PHONE, "id": "sess-tablet", "user_agent": "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko Firefox/121.0"}


def test_signing_out_a_device_revokes_that_session_and_names_it(logged_in_client, api):
    api.get(api_url("auth/sessions/"), json=sessions_page(THIS, PHONE))
    api.delete(api_url("auth/sessions/sess-phone/"), status=204)
    response = logged_in_client.post("/account/sessions/sess-phone/sign-out/")
    assert response["Location"] == "/account/"
    assert [call.request.method for call in api.calls] == ["GET", "DELETE"]
    assert api.calls[1].request.headers["X-Change-Source"] == "web"
    assert "_auth_user_id" in logged_in_client.session
    api.get(api_url("auth/me/"), json=user())
    assert "Signed out Mobile Safari on iOS." in page_text(logged_in_client.get("/account/"))


def test_a_session_that_already_ended_is_said_so_not_an_error(logged_in_client, api):
    api.get(api_url("auth/sessions/"), json=sessions_page(THIS))
    response = logged_in_client.post("/account/sessions/gone/sign-out/", follow=True)
    assert "That session had already ended." in page_text(response)
    assert not [call for call in api.calls if call.request.method == "DELETE"]


def test_a_session_that_ends_between_the_list_and_the_revoke_is_said_so(logged_in_client, api):
    api.get(api_url("auth/sessions/"), json=sessions_page(THIS, PHONE))
    api.delete(api_url("auth/sessions/sess-phone/"), status=404, json={"detail": "Not found."})
    response = logged_in_client.post("/account/sessions/sess-phone/sign-out/", follow=True)
    assert "That session had already ended." in page_text(response)


def test_signing_out_this_device_from_the_list_logs_out_here(logged_in_client, api):
    api.get(api_url("auth/sessions/"), json=sessions_page(THIS, PHONE))
    api.delete(api_url("auth/sessions/sess-this/"), status=204)
    response = logged_in_client.post("/account/sessions/sess-this/sign-out/")
    assert response["Location"] == "/login/"
    assert "_auth_user_id" not in logged_in_client.session


def test_sign_out_is_post_only(logged_in_client, api):
    assert logged_in_client.get("/account/sessions/sess-phone/sign-out/").status_code == 405
    assert logged_in_client.get("/account/sessions/sign-out-others/").status_code == 405
    assert len(api.calls) == 0


def test_sign_out_everywhere_else_revokes_every_other_session_and_keeps_this_one(logged_in_client, api):
    api.get(api_url("auth/sessions/"), json=sessions_page(THIS, PHONE, TABLET))
    api.delete(api_url("auth/sessions/sess-phone/"), status=204)
    api.delete(api_url("auth/sessions/sess-tablet/"), status=204)
    response = logged_in_client.post("/account/sessions/sign-out-others/")
    deleted = [call.request.url for call in api.calls if call.request.method == "DELETE"]
    assert deleted == [api_url("auth/sessions/sess-phone/"), api_url("auth/sessions/sess-tablet/")]
    assert response["Location"] == "/account/" and "_auth_user_id" in logged_in_client.session
    api.get(api_url("auth/me/"), json=user())
    page = page_text(logged_in_client.get("/account/"))
    assert "Signed out 2 other sessions. Only this device is signed in now." in page


def test_sign_out_everywhere_else_walks_every_page_of_sessions(logged_in_client, api):
    first = {**sessions_page(THIS, count=101), "next": "http://api/?page=2"}
    first_page = [matchers.query_param_matcher({"page": "1", "page_size": "100"})]
    second_page = [matchers.query_param_matcher({"page": "2", "page_size": "100"})]
    api.get(api_url("auth/sessions/"), json=first, match=first_page)
    api.get(api_url("auth/sessions/"), json=sessions_page(PHONE, count=101), match=second_page)
    api.delete(api_url("auth/sessions/sess-phone/"), status=204)
    logged_in_client.post("/account/sessions/sign-out-others/")
    assert [call.request.method for call in api.calls] == ["GET", "GET", "DELETE"]


def test_sign_out_everywhere_else_with_nothing_else_says_so(logged_in_client, api):
    api.get(api_url("auth/sessions/"), json=sessions_page(THIS))
    response = logged_in_client.post("/account/sessions/sign-out-others/", follow=False)
    assert response["Location"] == "/account/"
    api.get(api_url("auth/me/"), json=user())
    assert "You were not signed in anywhere else." in page_text(logged_in_client.get("/account/"))


def test_sign_out_everywhere_else_while_the_api_is_down_is_the_503_page(logged_in_client, api):
    api.get(api_url("auth/sessions/"), body=requests.ConnectionError())
    assert logged_in_client.post("/account/sessions/sign-out-others/").status_code == 503


def test_a_session_ended_elsewhere_meets_the_login_page_with_why(logged_in_client, api):
    api.get(api_url("auth/sessions/"), status=401, json={"detail": "Invalid token."})
    response = logged_in_client.post("/account/sessions/sign-out-others/", follow=True)
    assert "this session was ended elsewhere" in page_text(response)
