"""The API goes away mid-session: the client answers 503, keeps what was typed, and recovers by itself."""

import html
import re
import time
from concurrent.futures import ThreadPoolExecutor

from tests_live.browsing import Visitor


def test_api_down_then_back(live_api, live_client):
    visitor = Visitor(live_client.url)
    visitor.register()
    form_page = visitor.get("/categories/new/")
    token = Visitor.csrf_token(form_page.text)
    live_api.stop()
    try:
        assert visitor.get("/items/").status_code == 503
        assert "The Stockroom service is unavailable" in visitor.text
        visitor.page = visitor.http.post(
            live_client.url + "/categories/new/",
            data={"csrfmiddlewaretoken": token, "name": "Typed while down", "description": "keep me"},
            timeout=15,
        )
        assert visitor.page.status_code == 503
        assert 'value="Typed while down"' in visitor.page.text and "keep me" in visitor.page.text
        item = {
            "csrfmiddlewaretoken": token,
            "name": "Item while down",
            "sku": "DOWN-1",
            "description": "kept",
            "category": "",
            "quantity": "2",
            "price": "3.50",
        }
        visitor.page = visitor.http.post(live_client.url + "/items/new/", data=item, timeout=15)
        assert visitor.page.status_code == 503
        assert 'value="Item while down"' in visitor.page.text and 'value="3.50"' in visitor.page.text
    finally:
        live_api.start()
    visitor.submit("/categories/new/", {"name": "Typed while down", "description": "keep me"})
    assert "Category “Typed while down” created." in visitor.messages()


def wait_for(condition, timeout=10.0):
    """Poll `condition` until it holds (a state change in another process, not a fixed delay)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def new_item_form(visitor, name: str, sku: str) -> dict:
    """Open the new-item page and return the form as the browser would post it, idempotency key included."""
    form_page = visitor.get("/items/new/")
    return {
        "csrfmiddlewaretoken": Visitor.csrf_token(form_page.text),
        "idempotency_key": re.search(r'name="idempotency_key" value="([^"]+)"', form_page.text).group(1),
        "name": name,
        "sku": sku,
        "description": "",
        "category": "",
        "quantity": "1",
        "price": "9.99",
    }


def submit_while_the_api_goes_down(live_api, live_client, visitor, form, end):
    """Post the new-item form to a frozen API, and once the POST has reached it, end the API with `end`."""
    live_api.freeze()
    with ThreadPoolExecutor(1) as pool:
        submitted = pool.submit(visitor.http.post, live_client.url + "/items/new/", data=form, timeout=30)
        try:
            wait_for(lambda: live_api.unanswered_bytes() > 0)  # the item's POST has reached the frozen API
        finally:
            end()
        return submitted.result()


def test_the_api_killed_mid_submit_loses_nothing_and_a_resubmit_creates_one_item(live_api, live_client):
    visitor = Visitor(live_client.url)
    visitor.register()
    form = new_item_form(visitor, "Killed mid-submit", "KILL-1")
    answer = submit_while_the_api_goes_down(live_api, live_client, visitor, form, live_api.kill)
    try:
        assert answer.status_code == 503
        assert 'value="Killed mid-submit"' in answer.text and 'value="9.99"' in answer.text
        assert form["idempotency_key"] in answer.text  # a resubmit is recognised as the same create
    finally:
        live_api.start()
    visitor.page = visitor.http.post(live_client.url + "/items/new/", data=form, timeout=15)
    assert "Item “Killed mid-submit” created." in visitor.messages()
    visitor.page = visitor.http.post(live_client.url + "/items/new/", data=form, timeout=15)
    visitor.get("/items/?search=KILL-1")
    assert visitor.text.count(">Killed mid-submit</a>") == 1


def test_the_api_stopped_and_started_mid_submit_ends_with_the_item_created_once(live_api, live_client):
    visitor = Visitor(live_client.url)
    visitor.register()
    form = new_item_form(visitor, "Stopped mid-submit", "STOP-1")
    # A deploy's restart: SIGTERM, and gunicorn shuts down gracefully with the POST pending.
    answer = submit_while_the_api_goes_down(live_api, live_client, visitor, form, live_api.stop)
    try:
        # Either gunicorn served the pending POST before it exited, or the client kept the form for a resubmit.
        if answer.status_code == 503:
            assert 'value="Stopped mid-submit"' in answer.text and form["idempotency_key"] in answer.text
        else:
            assert answer.status_code == 200 and "Item “Stopped mid-submit” created." in html.unescape(answer.text)
    finally:
        live_api.start()
    for _ in range(2):  # the resubmit after the restart, and an impatient second one
        visitor.page = visitor.http.post(live_client.url + "/items/new/", data=form, timeout=15)
    visitor.get("/items/?search=STOP-1")
    assert visitor.text.count(">Stopped mid-submit</a>") == 1
