"""Keep a form the user submitted when their session ended, to show it filled in again after they log in.

What was typed stays server-side, in the new anonymous session (Django's login() keeps that session's data),
never in the URL; passwords and the CSRF token are never kept. The form comes back only for the same user on
the same page, within an hour, and only filled in: nothing is submitted for them.
"""

import time

from django.contrib import messages

SESSION_KEY = "pending_form"
MAX_AGE = 3600
RESTORED = "You were logged out before this form was saved. What you typed is below: check it and save again."


def typed_values(request) -> dict[str, list[str]]:
    """Return the POSTed fields worth keeping: everything but the CSRF token and any password."""
    return {
        name: values
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken" and "password" not in name.lower() and any(values)
    }


def keep_pending_form(request, *, username: str, values: dict[str, list[str]]) -> None:
    """Remember what `username` typed on this page (call it after logout(), on the fresh session)."""
    request.session[SESSION_KEY] = {"path": request.path, "user": username, "at": time.time(), "values": values}


def pop_pending_form(request) -> dict | None:
    """Return the kept values for this page and user as initial form data (once), or None."""
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("path") != request.path:
        return None
    del request.session[SESSION_KEY]
    if pending.get("user") != request.user.get_username() or time.time() - pending.get("at", 0) > MAX_AGE:
        return None
    messages.warning(request, RESTORED)
    return {name: values[0] if len(values) == 1 else values for name, values in pending["values"].items()}
