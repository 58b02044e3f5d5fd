"""Messages that carry their next useful action: "Deleted 'Claw hammer'." with an Undo button, "Imported 12 items."
with a link to import another file.

Django's message storages keep only a message's text, level and `extra_tags` across the redirect, so the action
travels in `extra_tags` as JSON behind a prefix; the cookie storage signs it, so a visitor cannot forge one. Pages
read it back with the `message_action` filter and render a link, or a one-button POST form for actions that write.
"""

import json
from dataclasses import dataclass, field

from django.contrib import messages

PREFIX = "action:"


@dataclass(frozen=True)
class MessageAction:
    """A link (method "get") or a one-button form (method "post") shown beside a message."""

    label: str
    url: str
    method: str = "get"
    fields: dict[str, str] = field(default_factory=dict)


def add_message(request, level: int, text: str, action: MessageAction | None = None) -> None:
    """Add a message for the next page, with an action beside it if one is given."""
    extra_tags = PREFIX + json.dumps(action.__dict__, separators=(",", ":")) if action else ""
    messages.add_message(request, level, text, extra_tags=extra_tags)


def message_action(message) -> MessageAction | None:
    """Return the action a message carries, or None."""
    tags = getattr(message, "extra_tags", "") or ""
    if not tags.startswith(PREFIX):
        return None
    try:
        return MessageAction(**json.loads(tags.removeprefix(PREFIX)))
    except (TypeError, ValueError):
        return None
