"""The user's categories as (id, name) choices, kept in the session for a minute between pages.

The items list offers them as a filter on every load; asking the API each time would double the page's API
calls. The client's own category writes drop the saved list, so only changes made elsewhere (another browser,
the API directly) take up to `MAX_AGE` seconds to appear.
"""

import time

SESSION_KEY = "category_choices"
MAX_AGE = 60


def fetch_category_choices(api) -> list[tuple[int, str]]:
    """Return (id, name) for every category of the user, in name order, from the API."""
    choices, page = [], 1
    while True:
        listing = api.categories.list(page=page, page_size=100, ordering="name")
        choices += [(row["id"], row["name"]) for row in listing.results]
        if not listing.has_next:
            return choices
        page += 1


def category_choices(request, api, *, refresh: bool = False) -> list[tuple[int, str]]:
    """Return the user's categories from the session while fresh, otherwise from the API (and save them)."""
    saved = request.session.get(SESSION_KEY)
    if not refresh and saved and time.time() - saved["at"] < MAX_AGE:
        return [tuple(choice) for choice in saved["choices"]]
    choices = fetch_category_choices(api)
    request.session[SESSION_KEY] = {"at": time.time(), "choices": choices}
    return choices


def forget_category_choices(request) -> None:
    """Drop the saved list, after the user changed a category."""
    request.session.pop(SESSION_KEY, None)
