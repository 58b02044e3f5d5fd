"""The account over both live servers: profile, password, devices, deletion, a forgotten password, and what
the client keeps in its own store."""

import re

import requests

from tests_live.browsing import Visitor

PASSWORD = "Sup3r-secret-pw"
NEW_PASSWORD = "An0ther-secret-pw"
CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
ENDED_ELSEWHERE = (
    "You were signed out because this session was ended elsewhere: signed out from another device, "
    "a password change, or the account deleted. Please log in again."
)


def second_device(live_client, username, password=PASSWORD, user_agent=None) -> Visitor:
    """Log the same user in from another browser."""
    other = Visitor(live_client.url)
    if user_agent:
        other.http.headers["User-Agent"] = user_agent
    other.log_in(username, password)
    assert other.path == "/", other.messages()  # the dashboard
    return other


def session_ids(visitor) -> list[str]:
    """Return the ids of the other devices' Sign out buttons on the account page."""
    visitor.get("/account/")
    return re.findall(r'action="/account/sessions/([^/"]+)/sign-out/"', visitor.page.text)


def test_the_account_page_names_this_device_and_its_address(live_client):
    visitor = Visitor(live_client.url)
    visitor.http.headers["User-Agent"] = CHROME_LINUX
    username = visitor.register()
    visitor.get("/account/")
    assert visitor.page.status_code == 200
    assert "Chrome on Linux" in visitor.text and "This device" in visitor.text
    assert '<td data-label="IP address">127.0.0.1</td>' in visitor.page.text
    assert f"<dd>{username}</dd>" in visitor.text and f"<dd>{username}@example.com</dd>" in visitor.text


def test_changing_the_email_reaches_the_api(live_api, live_client):
    visitor = Visitor(live_client.url)
    username = visitor.register()
    visitor.submit("/account/email/", {"email": "changed@example.com"})
    assert visitor.path == "/account/"
    assert "Your email address is now changed@example.com." in visitor.messages()
    assert "<dd>changed@example.com</dd>" in visitor.text
    user = f"from django.contrib.auth.models import User; print(User.objects.get(username={username!r}).email)"
    assert live_api.shell(user) == "changed@example.com"


def test_changing_the_password_signs_out_the_other_device_and_keeps_this_one(live_client):
    visitor = Visitor(live_client.url)
    username = visitor.register()
    other = second_device(live_client, username)
    visitor.submit(
        "/account/password/", {"old_password": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert "Your password was changed. You were signed out on every other device." in visitor.messages()
    assert visitor.get("/items/").url.endswith("/items/")
    other.get("/items/")
    assert other.path.startswith("/login/") and ENDED_ELSEWHERE in other.messages()
    other.log_in(username, PASSWORD)
    assert "Please enter a correct username and password" in other.text
    other.log_in(username, NEW_PASSWORD)
    assert other.path == "/"  # the dashboard


def test_a_wrong_current_password_is_shown_beside_the_field(live_client):
    visitor = Visitor(live_client.url)
    visitor.register()
    passwords = {"old_password": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    visitor.submit("/account/password/", passwords)
    assert visitor.page.status_code == 400
    assert any("old password was entered incorrectly" in error for error in visitor.field_errors())


def test_signing_out_a_device_ends_it_there_with_a_message(live_client):
    visitor = Visitor(live_client.url)
    username = visitor.register()
    other = second_device(live_client, username, user_agent=CHROME_LINUX)
    [other_id] = session_ids(visitor)
    visitor.submit(f"/account/sessions/{other_id}/sign-out/", {}, form_path="/account/")
    assert "Signed out Chrome on Linux." in visitor.messages()
    assert session_ids(visitor) == []
    other.get("/categories/")
    assert other.path.startswith("/login/") and ENDED_ELSEWHERE in other.messages()


def test_sign_out_everywhere_else_keeps_only_this_device(live_api, live_client):
    visitor = Visitor(live_client.url)
    username = visitor.register()
    phones = [second_device(live_client, username) for _ in range(2)]
    assert live_api.token_count(username) == 3
    visitor.submit("/account/sessions/sign-out-others/", {}, form_path="/account/")
    assert "Signed out 2 other sessions. Only this device is signed in now." in visitor.messages()
    assert live_api.token_count(username) == 1
    for phone in phones:
        phone.get("/items/")
        assert ENDED_ELSEWHERE in phone.messages()


def test_deleting_the_account_removes_it_at_the_api_and_signs_out_everywhere(live_api, live_client):
    visitor = Visitor(live_client.url)
    username = visitor.register()
    visitor.submit("/categories/new/", {"name": "Garden", "description": ""})
    other = second_device(live_client, username)
    visitor.get("/account/delete/")
    assert "<li>0 items</li>" in visitor.text and "<li>1 category</li>" in visitor.text
    visitor.submit("/account/delete/", {"password": "not-it"})
    assert visitor.page.status_code == 400 and "Your password was entered incorrectly." in visitor.field_errors()
    visitor.submit("/account/delete/", {"password": PASSWORD})
    assert visitor.path == "/login/"
    assert "Your account and everything in it were deleted." in visitor.messages()
    exists = live_api.shell(
        f"from django.contrib.auth.models import User; print(User.objects.filter(username={username!r}).exists())"
    )
    assert exists == "False" and live_api.token_count(username) == 0
    other.get("/items/")
    assert other.path.startswith("/login/") and ENDED_ELSEWHERE in other.messages()
    visitor.log_in(username, PASSWORD)
    assert "Please enter a correct username and password" in visitor.text


def test_a_forgotten_password_is_reset_through_the_mailed_link(live_api, live_client):
    visitor = Visitor(live_client.url)
    username = visitor.register()
    address = f"{username}@example.com"
    visitor.submit("/logout/", {}, form_path="/logout/")
    visitor.get("/login/")
    assert 'href="/password-reset/">Forgot your password?' in visitor.page.text
    visitor.submit("/password-reset/", {"email": address})
    assert visitor.path == "/password-reset/sent/"
    assert "If the address has an account, we sent a link to it." in visitor.text
    link = live_api.mailbox.reset_link(address)
    assert link["url"] == live_client.url + link["path"]
    visitor.get(link["path"])
    assert visitor.path == f"/password-reset/{link['uid']}/set-password/"
    assert link["token"] not in visitor.page.url and link["token"] not in visitor.text
    visitor.submit(visitor.path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert visitor.path == "/login/"
    assert "Your password was reset. Log in with your new password." in visitor.messages()
    visitor.log_in(username, NEW_PASSWORD)
    assert visitor.path == "/"  # the dashboard


def test_a_used_reset_link_says_so_plainly(live_api, live_client):
    visitor = Visitor(live_client.url)
    username = visitor.register()
    address = f"{username}@example.com"
    visitor.submit("/password-reset/", {"email": address})
    link = live_api.mailbox.reset_link(address)["path"]
    visitor.get(link)
    visitor.submit(visitor.path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    stranger = Visitor(live_client.url)
    stranger.get(link)
    assert "This link no longer works" in stranger.text and "has been used or has expired" in stranger.text


def test_an_unknown_address_gets_the_same_answer_and_no_mail(live_api, live_client):
    visitor = Visitor(live_client.url)
    visitor.submit("/password-reset/", {"email": "nobody-here@example.com"})
    assert visitor.path == "/password-reset/sent/"
    assert live_api.mailbox.messages_to("nobody-here@example.com") == []


def test_a_form_posted_after_the_session_ended_comes_back_after_login(live_api, live_client):
    visitor = Visitor(live_client.url)
    username = visitor.register()
    token = visitor.csrf_token(visitor.get("/categories/new/").text)
    second_device(live_client, username).submit("/account/sessions/sign-out-others/", {}, form_path="/account/")
    visitor.page = visitor.http.post(
        live_client.url + "/categories/new/",
        data={"csrfmiddlewaretoken": token, "name": "Typed while signed out", "description": "keep me"},
        timeout=15,
    )
    assert visitor.path == "/login/?next=%2Fcategories%2Fnew%2F"
    assert "Typed while signed out" not in visitor.page.url
    assert any("What you typed is kept" in message for message in visitor.messages())
    visitor.submit(visitor.path, {"username": username, "password": PASSWORD})
    assert visitor.path == "/categories/new/"
    assert 'value="Typed while signed out"' in visitor.page.text and "keep me" in visitor.text
    assert any("check it and save again" in message for message in visitor.messages())
    count = live_api.shell(
        f"from inventory.models import Category; print(Category.objects.filter(owner__username={username!r}).count())"
    )
    assert count == "0"


def test_the_clients_session_store_holds_no_token_the_api_accepts(live_api, live_client):
    visitor = Visitor(live_client.url)
    visitor.register()
    key = visitor.http.cookies["stockroom_sessionid"]
    stored = live_client.shell(
        "from django.contrib.sessions.models import Session; "
        f"print(Session.objects.get(session_key={key!r}).get_decoded()['api_token'])"
    )
    assert stored.startswith("gAAAAA")
    answer = requests.get(f"{live_api.url}/api/v1/auth/me/", headers={"Authorization": f"Token {stored}"}, timeout=5)
    assert answer.status_code == 401
    assert visitor.get("/items/").url.endswith("/items/")  # the client itself opens it


def test_keep_me_signed_in_decides_whether_the_cookie_outlives_the_browser(live_client):
    username = Visitor(live_client.url).register()
    for remember, persistent in ((False, False), (True, True)):
        visitor = Visitor(live_client.url)
        visitor.get("/login/")
        response = visitor.http.post(
            live_client.url + "/login/",
            data={
                "csrfmiddlewaretoken": visitor.csrf_token(visitor.page.text),
                "username": username,
                "password": PASSWORD,
                **({"remember": "on"} if remember else {}),
            },
            allow_redirects=False,
            timeout=15,
        )
        cookie = next(c for c in visitor.http.cookies if c.name == "stockroom_sessionid")
        assert response.status_code == 302 and (cookie.expires is not None) == persistent
