"""Resource wrappers with verbs: `items.list(...)`, `items.get(id)`, `auth.login(...)` and so on."""

from dataclasses import dataclass, field
from math import ceil
from urllib.parse import quote

import requests


@dataclass(frozen=True)
class Page:
    """One page of a listing, with the numbers a page needs ("page X of Y"), never the API's own links."""

    results: list[dict]
    count: int
    page: int
    page_size: int
    num_pages: int = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "num_pages", max(1, ceil(self.count / self.page_size)))

    @classmethod
    def from_answer(cls, data: dict, *, page: int, page_size: int, **extra):
        """Build the page the API answered for `page` (of `page_size` rows); `extra` fills a subclass's fields."""
        return cls(results=data["results"], count=data["count"], page=page, page_size=page_size, **extra)

    @property
    def has_previous(self) -> bool:
        """Tell whether a page comes before this one."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """Tell whether a page comes after this one."""
        return self.page < self.num_pages


@dataclass(frozen=True)
class TrashPage(Page):
    """A page of the trash, with how many days the API keeps deleted items (None from an API that does not say)."""

    retention_days: int | None = None

    @classmethod
    def from_answer(cls, data: dict, *, page: int, page_size: int, **extra):
        """Build the page, taking `retention_days` from beside the rows."""
        retention_days = data.get("retention_days")
        return super().from_answer(data, page=page, page_size=page_size, retention_days=retention_days, **extra)


class Resource:
    """CRUD verbs over one collection of the API; subclasses name its `path`, such as `items/`."""

    path = ""
    default_page_size = 20
    # The API clamps larger sizes to this; asking for no more keeps "page X of Y" true.
    max_page_size = 100
    # What `list()` answers; a collection whose list carries more than its rows names a Page subclass.
    page_class = Page

    def __init__(self, client):
        self.client = client

    def list(self, **params) -> Page:
        """Return one page of the collection filtered by `params` (page, page_size, search, ordering, ...)."""
        return self.fetch_page(self.page_class, self.path, params)

    def page_of(self, path: str, **params) -> Page:
        """Return one page of any paginated listing under the API, such as an item's history."""
        return self.fetch_page(Page, path, params)

    def fetch_page(self, page_class: type[Page], path: str, params: dict) -> Page:
        """GET one page of the listing at `path` and build it as `page_class`."""
        params = {key: value for key, value in params.items() if value not in (None, "")}
        page = int(params.setdefault("page", 1))
        page_size = params["page_size"] = min(int(params.get("page_size", self.default_page_size)), self.max_page_size)
        data = self.client.call("GET", path, params=params).data
        return page_class.from_answer(data, page=page, page_size=page_size)

    def get(self, pk: int) -> dict:
        """Return one object."""
        return self.client.call("GET", f"{self.path}{pk}/").data

    def create(self, data: dict, *, idempotency_key: str | None = None) -> dict:
        """Create an object and return it; with a key, a repeat (or a retry) returns the same object."""
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        return self.client.call("POST", self.path, json=data, headers=headers).data

    def update(self, pk: int, data: dict, *, version: int | None = None) -> dict:
        """Replace an object; with `version`, only if nobody changed it since (else ApiPreconditionFailed)."""
        return self.client.call("PUT", f"{self.path}{pk}/", json=data, headers=_if_match(version)).data

    def delete(self, pk: int, *, version: int | None = None) -> None:
        """Delete an object; with `version`, only if nobody changed it since."""
        self.client.call("DELETE", f"{self.path}{pk}/", headers=_if_match(version))


class ItemHistoryMixin:
    """An item's change history, newest first: `items.history(5)`, `trash.history(5)`."""

    def history(self, pk: int, **params) -> Page:
        """Return one page of the item's changes ({when, user, action, source, changes, item})."""
        return self.page_of(f"{self.path}{pk}/history/", **params)


class Items(ItemHistoryMixin, Resource):
    """The user's items: `client.items`."""

    path = "items/"

    def bulk(
        self,
        action: str,
        ids: list[int],
        *,
        category: int | None = None,
        delta: int | None = None,
        versions: dict[int, int] | None = None,
        idempotency_key: str | None = None,
    ) -> dict:
        """Apply one action ("delete", "set_category", "adjust_quantity") to many items, all or none.

        With `versions`, any item changed since raises ApiPreconditionFailed (its `current` maps ids to versions).
        Return `{action, count, items: [{id, version}]}`.
        """
        body = {"action": action, "ids": list(ids)}
        if action == "set_category":
            body["category"] = category
        if action == "adjust_quantity":
            body["delta"] = delta
        if versions:
            body["versions"] = {str(pk): version for pk, version in versions.items()}
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        return self.client.call("POST", f"{self.path}bulk/", json=body, headers=headers).data

    def export(self, **params) -> requests.Response:
        """Return the CSV export of the items the filters select, as an open response to read in chunks and close."""
        params = {key: value for key, value in params.items() if value not in (None, "")}
        return self.client.stream(f"{self.path}export/", params=params, headers={"Accept": "text/csv"})


class Trash(ItemHistoryMixin, Resource):
    """The user's deleted items, kept a while: `client.trash.list()`, `.restore(id)`, `.delete(id)` for good."""

    path = "items/trash/"
    page_class = TrashPage  # its list says how many days the API keeps deleted items

    def restore(self, pk: int) -> dict:
        """Bring an item back; return it (ApiConflict, with the taken "sku", when a live item has its SKU)."""
        return self.client.call("POST", f"{self.path}{pk}/restore/").data

    def restore_many(self, ids: list[int]) -> dict:
        """Bring many items back, all or none; return `{count, items: [{id, version}]}`."""
        return self.client.call("POST", f"{self.path}restore/", json={"ids": list(ids)}).data


class History(Resource):
    """The user's recent changes across items, newest first: `client.history.list(page_size=10)`."""

    path = "history/"


class Stats:
    """The user's stock at a glance: `client.stats.get()`."""

    path = "stats/"

    def __init__(self, client):
        self.client = client

    def get(self) -> dict:
        """Return counts, units, value, low stock and the value by category, all computed by the API."""
        return self.client.call("GET", self.path).data


class ItemImports:
    """The two-step CSV import: `upload()` a file for a preview, read it with `get()`, then `commit()` it."""

    path = "items/imports/"

    def __init__(self, client):
        self.client = client

    def upload(self, csv_file) -> dict:
        """Send a CSV file (bytes or a binary file, streamed from it) and return its preview; nothing is written."""
        headers = {"Content-Type": "text/csv"}
        return self.client.call("POST", self.path, data=csv_file, headers=headers).data

    def get(self, import_id: str) -> dict:
        """Return an import's preview (ApiNotFound once it expired, after an hour)."""
        return self.client.call("GET", f"{self.path}{quote(str(import_id), safe='')}/").data

    def commit(self, import_id: str) -> dict:
        """Apply the import; return `{created, updated, unchanged, categories_created}`.

        ApiConflict when it was committed already, or when the items changed since the preview (then
        `exc.data["report"]` is the fresh preview); ApiValidationError when the preview has errors.
        """
        return self.client.call("POST", f"{self.path}{quote(str(import_id), safe='')}/commit/").data


class Categories(Resource):
    """The user's categories: `client.categories`."""

    path = "categories/"


class Auth:
    """The API's account endpoints: sign-up and sign-in, the profile, the password, sessions, deletion and reset."""

    path = "auth/"

    def __init__(self, client):
        self.client = client

    def register(self, *, username: str, email: str, password: str) -> dict:
        """Create an account; return `{id, username, email}`."""
        body = {"username": username, "email": email, "password": password}
        return self.client.call("POST", f"{self.path}register/", json=body).data

    def login(self, *, username: str, password: str) -> dict:
        """Return `{token, expiry, user}` for valid credentials."""
        body = {"username": username, "password": password}
        return self.client.call("POST", f"{self.path}login/", json=body).data

    def logout(self) -> None:
        """Revoke the token in use."""
        self.client.call("POST", f"{self.path}logout/")

    def logout_all(self) -> None:
        """Revoke every token of the user, the one in use included."""
        self.client.call("POST", f"{self.path}logoutall/")

    def me(self) -> dict:
        """Return the user the token belongs to."""
        return self.client.call("GET", f"{self.path}me/").data

    def update_me(self, *, email: str) -> dict:
        """Change the user's email address (the username never changes); return the user."""
        return self.client.call("PATCH", f"{self.path}me/", json={"email": email}).data

    def change_password(self, *, old_password: str, new_password: str) -> None:
        """Change the password; the API signs out every other session of the user and keeps this one."""
        body = {"old_password": old_password, "new_password": new_password}
        self.client.call("POST", f"{self.path}password/change/", json=body)

    def sessions(self, *, page: int = 1, page_size: int = 100) -> Page:
        """Return one page of the user's live sessions, newest first (`current` marks the one in use)."""
        params = {"page": page, "page_size": page_size}
        data = self.client.call("GET", f"{self.path}sessions/", params=params).data
        return Page.from_answer(data, page=page, page_size=page_size)

    def revoke_session(self, session_id: str) -> None:
        """End one of the user's sessions, by its public id (ApiNotFound for an unknown or foreign one)."""
        self.client.call("DELETE", f"{self.path}sessions/{quote(session_id, safe='')}/")

    def delete_account(self, *, password: str) -> None:
        """Delete the user with everything they own, and every token; the password confirms it."""
        self.client.call("DELETE", f"{self.path}me/", json={"password": password})

    def request_password_reset(self, email: str) -> str:
        """Ask for a reset link to be mailed; the answer is the same whether or not the address has an account."""
        data = self.client.call("POST", f"{self.path}password/reset/", json={"email": email}).data
        return data.get("detail", "") if isinstance(data, dict) else ""

    def check_password_reset(self, uid: str, token: str) -> None:
        """Return if the reset link is valid now; raise ApiValidationError (on `token`) if it is used or expired."""
        self.client.call("POST", f"{self.path}password/reset/check/", json={"uid": uid, "token": token})

    def confirm_password_reset(self, *, uid: str, token: str, new_password: str) -> None:
        """Set a new password through a reset link; the API signs out every session of the user."""
        body = {"uid": uid, "token": token, "new_password": new_password}
        self.client.call("POST", f"{self.path}password/reset/confirm/", json=body)


def _if_match(version: int | None) -> dict:
    return {"If-Match": f'"{version}"'} if version is not None else {}
