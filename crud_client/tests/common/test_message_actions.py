"""Messages with their next action: the action survives the redirect and renders as a link or a POST button."""

from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string
from django.test import RequestFactory

from common.message_actions import MessageAction, add_message, message_action


class Storage(list):
    """A message storage that only collects what is added."""

    def add(self, level, message, extra_tags=""):
        self.append(Message(level, message, extra_tags))


def request_with_messages():
    request = RequestFactory().get("/")
    request._messages = Storage()
    return request


def rendered(level, text, action):
    """Return base.html rendered with one message carrying `action`."""
    request = request_with_messages()
    add_message(request, level, text, action)
    return render_to_string("base.html", {"messages": list(request._messages)}, request=request)


def test_a_post_action_renders_a_one_button_form_with_its_fields_and_csrf():
    action = MessageAction("Undo", "/items/trash/restore/", "post", {"ids": "5,6"})
    html = rendered(messages.SUCCESS, "Deleted 2 items.", action)
    assert '<p class="message-text">Deleted 2 items.</p>' in html
    assert '<form method="post" action="/items/trash/restore/" class="message-action">' in html
    assert '<input type="hidden" name="ids" value="5,6">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<button type="submit" class="button-secondary">Undo</button>' in html


def test_a_get_action_renders_a_link():
    html = rendered(messages.SUCCESS, "Imported 3 items.", MessageAction("Import another file", "/items/import/"))
    assert '<a class="message-action" href="/items/import/">Import another file</a>' in html


def test_a_message_without_an_action_has_none():
    assert message_action(Message(messages.INFO, "Saved.")) is None
    assert message_action(Message(messages.INFO, "Saved.", extra_tags="action:{not json")) is None


def test_the_action_round_trips_through_extra_tags():
    action = MessageAction("Undo", "/x/", "post", {"id": "1"})
    request = request_with_messages()
    add_message(request, messages.SUCCESS, "Done.", action)
    assert message_action(request._messages[0]) == action
