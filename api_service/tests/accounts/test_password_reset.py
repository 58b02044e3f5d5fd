"""POST /api/v1/auth/password/reset/, reset/check/ and reset/confirm/: a mailed one-time link sets a new password."""

import re
import threading
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test import override_settings
from django.utils.http import urlsafe_base64_encode
from knox.models import AuthToken
from rest_framework.settings import api_settings

from accounts.mail import wait_until_sent
from tests.conftest import PASSWORD, client_for

RESET = "/api/v1/auth/password/reset/"
CHECK = "/api/v1/auth/password/reset/check/"
CONFIRM = "/api/v1/auth/password/reset/confirm/"
REQUESTED = {"detail": "If an account has this email address, we sent it a link to reset the password."}
DEAD_LINK = {"token": ["This password reset link has been used or has expired. Ask for a new one."]}
NEW = "a-fresh-passphrase-2026"
LINK = re.compile(r"http://127\.0\.0\.1:8001/password-reset/(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)/")


def sent():
    """Return the mail sent so far, once the mail thread has sent everything handed to it."""
    wait_until_sent()
    return mail.outbox


def request_link(api_client, email="alice@example.com", **headers):
    return api_client.post(RESET, {"email": email}, format="json", **headers)


def link_for(api_client, email="alice@example.com"):
    """Ask for a reset link and return its uid and token, as read from the mail."""
    assert request_link(api_client, email).status_code == 202
    return LINK.search(sent()[-1].body).groupdict()


def confirm(api_client, link, password=NEW):
    return api_client.post(CONFIRM, {**link, "new_password": password}, format="json")


def login(api_client, password):
    return api_client.post("/api/v1/auth/login/", {"username": "alice", "password": password}, format="json")


def test_a_known_address_is_202_and_gets_a_link_to_the_clients_reset_page(api_client, user, mailoutbox):
    response = request_link(api_client)
    assert (response.status_code, response.json()) == (202, REQUESTED)
    [message] = sent()
    assert message.to == ["alice@example.com"]
    assert message.subject == "Reset your Stockroom password"
    assert message.from_email == "Stockroom <noreply@localhost>"
    assert "Hello alice," in message.body
    link = LINK.search(message.body)
    assert link["uid"] == urlsafe_base64_encode(str(user.pk).encode())


def test_an_unknown_address_gets_the_same_answer_and_no_mail(api_client, user, mailoutbox):
    response = request_link(api_client, "nobody@example.com")
    assert (response.status_code, response.json()) == (202, REQUESTED)
    assert sent() == []


def test_the_address_matches_in_any_letter_case(api_client, user, mailoutbox):
    request_link(api_client, "ALICE@Example.COM")
    assert [message.to for message in sent()] == [["alice@example.com"]]


@pytest.mark.parametrize("change", [{"is_active": False}, {"password": "!unusable"}], ids=["inactive", "no-password"])
def test_inactive_accounts_and_those_without_a_password_get_no_mail(api_client, make_user, mailoutbox, change):
    user = make_user("alice")
    type(user).objects.filter(pk=user.pk).update(**change)
    assert request_link(api_client).json() == REQUESTED
    assert sent() == []


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["not-an-address", "", None], ids=["malformed", "blank", "null"])
def test_a_malformed_address_is_400(api_client, email):
    response = request_link(api_client, email)
    assert response.status_code == 400
    assert list(response.json()) == ["email"]


class BlockedBackend(EmailBackend):
    """A mail server that answers only when the test lets it."""

    release = threading.Event()

    def send_messages(self, messages):
        self.release.wait(timeout=10)
        return super().send_messages(messages)


@override_settings(EMAIL_BACKEND=f"{__name__}.BlockedBackend")
def test_the_answer_never_waits_for_the_mail_server(api_client, user, mailoutbox):
    BlockedBackend.release.clear()
    assert request_link(api_client).status_code == 202
    assert mail.outbox == []  # answered while the mail server still holds the message
    BlockedBackend.release.set()
    assert len(sent()) == 1


def test_a_mail_server_failure_is_logged_not_raised(api_client, user, mailoutbox, caplog):
    with mock.patch.object(EmailBackend, "send_messages", side_effect=ConnectionRefusedError("no SMTP")):
        assert request_link(api_client).status_code == 202
        wait_until_sent()
    assert "Failed to send password reset email" in caplog.text


def test_the_link_checks_as_valid(api_client, user, mailoutbox):
    assert api_client.post(CHECK, link_for(api_client), format="json").status_code == 204


def test_confirming_sets_the_new_password(api_client, user, mailoutbox):
    assert confirm(api_client, link_for(api_client)).status_code == 204
    assert login(api_client, NEW).status_code == 200
    assert login(api_client, PASSWORD).status_code == 400


def test_confirming_signs_out_every_session_of_the_user(api_client, user, other_client, mailoutbox):
    sessions = [client_for(user) for _ in range(2)]
    confirm(api_client, link_for(api_client))
    assert [client.get("/api/v1/auth/me/").status_code for client in sessions] == [401, 401]
    assert not AuthToken.objects.filter(user=user).exists()
    assert other_client.get("/api/v1/auth/me/").status_code == 200


def test_a_used_link_is_dead(api_client, user, mailoutbox):
    link = link_for(api_client)
    confirm(api_client, link)
    again = confirm(api_client, link, "yet-another-passphrase-2026")
    assert (again.status_code, again.json()) == (400, DEAD_LINK)
    check = api_client.post(CHECK, link, format="json")
    assert (check.status_code, check.json()) == (400, DEAD_LINK)
    assert login(api_client, NEW).status_code == 200


def test_an_expired_link_is_dead(api_client, user, mailoutbox, settings):
    link = link_for(api_client)
    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 1)
    with mock.patch.object(default_token_generator, "_now", return_value=later):
        assert api_client.post(CHECK, link, format="json").json() == DEAD_LINK
        assert confirm(api_client, link).json() == DEAD_LINK
    assert login(api_client, PASSWORD).status_code == 200


def test_a_link_dies_when_the_password_changes_another_way(api_client, auth_client, user, mailoutbox):
    link = link_for(api_client)
    change = {"old_password": PASSWORD, "new_password": NEW}
    assert auth_client.post("/api/v1/auth/password/change/", change, format="json").status_code == 204
    assert api_client.post(CHECK, link, format="json").json() == DEAD_LINK


@pytest.mark.parametrize(
    "forged",
    [
        {"token": "abc-0123456789abcdef0123456789abcdef"},
        {"uid": "MTIzNDU2Nzg5"},  # user 123456789
        {"uid": "OTk5OTk5OTk5OTk5OTk5OTk5OTk5"},  # a number beyond any integer column
        {"uid": "not base64!"},
        {"uid": "YWJj"},  # "abc"
        {"token": "x" * 128},
    ],
    ids=["forged-token", "unknown-user", "huge-uid", "not-base64", "not-a-number", "long-token"],
)
def test_a_forged_link_is_400(api_client, user, mailoutbox, forged):
    link = {**link_for(api_client), **forged}
    assert api_client.post(CHECK, link, format="json").json() == DEAD_LINK
    assert confirm(api_client, link).json() == DEAD_LINK


def test_another_users_token_does_not_open_this_users_account(api_client, user, other_user, mailoutbox):
    link = link_for(api_client, "mallory@example.com")
    link["uid"] = urlsafe_base64_encode(str(user.pk).encode())
    assert confirm(api_client, link).json() == DEAD_LINK


def test_a_new_password_the_validators_refuse_is_400_and_the_link_still_works(api_client, user, mailoutbox):
    link = link_for(api_client)
    refused = confirm(api_client, link, "alice2026")
    assert refused.status_code == 400
    assert refused.json() == {"new_password": ["The password is too similar to the username."]}
    assert confirm(api_client, link).status_code == 204


def test_the_new_password_is_not_trimmed(api_client, user, mailoutbox):
    confirm(api_client, link_for(api_client), "  spaced out passphrase  ")
    assert login(api_client, "  spaced out passphrase  ").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", [CHECK, CONFIRM], ids=["check", "confirm"])
def test_missing_fields_are_400_by_field(api_client, url):
    response = api_client.post(url, {}, format="json")
    assert response.status_code == 400
    assert {"uid", "token"} <= set(response.json())


def test_a_stale_token_in_the_header_does_not_get_in_the_way(api_client, user, mailoutbox):
    api_client.credentials(HTTP_AUTHORIZATION="Token revoked-long-ago")
    assert request_link(api_client).status_code == 202


def test_requests_for_one_address_are_throttled_whoever_asks(monkeypatch, api_client, user, mailoutbox):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "password_reset_email": "2/hour"}
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates)
    with override_settings(TRUSTED_CLIENT_KEY="k"):
        for n in range(2):
            request_link(api_client, "Alice@example.com", HTTP_X_CLIENT_KEY="k", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        response = request_link(
            api_client, "alice@example.com", HTTP_X_CLIENT_KEY="k", HTTP_X_FORWARDED_FOR="203.0.113.9"
        )
    assert response.status_code == 429
    assert len(sent()) == 2


@pytest.mark.django_db
def test_an_unknown_address_is_throttled_like_a_known_one(monkeypatch, api_client):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "password_reset_email": "2/hour"}
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates)
    statuses = [request_link(api_client, "nobody@example.com").status_code for _ in range(3)]
    assert statuses == [202, 202, 429]


@pytest.mark.django_db
@pytest.mark.parametrize("url", [RESET, CHECK, CONFIRM], ids=["reset", "check", "confirm"])
def test_each_reset_endpoint_is_throttled_per_address(monkeypatch, api_client, url):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "auth_ip": "2/min"}
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates)
    statuses = [api_client.post(url, {"email": f"u{n}@example.com"}, format="json").status_code for n in range(3)]
    assert statuses[-1] == 429


def test_a_link_dies_when_the_account_logs_in(api_client, user, mailoutbox):
    link = link_for(api_client)
    assert login(api_client, PASSWORD).status_code == 200
    assert api_client.post(CHECK, link, format="json").json() == DEAD_LINK
