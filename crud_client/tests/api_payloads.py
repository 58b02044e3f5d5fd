"""Bodies the API really answers, for the tests' mocks: each factory returns a complete, schema-valid body, and a
test overrides only the fields it is about (`item(quantity=0)`)."""

API_HOST = "http://127.0.0.1:8000/api/v1/"
CREATED = "2026-01-01T00:00:00Z"
UPDATED = "2026-01-02T00:00:00Z"
# Far ahead, so a 401 in a test means the token was revoked unless the test says otherwise.
EXPIRY = "2099-01-01T00:00:00Z"


def user(**fields) -> dict:
    """A user as `auth/me/` and `auth/register/` answer it."""
    return {"id": 1, "username": "alice", "email": "alice@example.com", **fields}


def login(token: str = "test-token-0123456789abcdef", **fields) -> dict:
    """The answer to `auth/login/`: the token, when it expires, and the user."""
    return {"token": token, "expiry": EXPIRY, "user": user(), **fields}


def category(**fields) -> dict:
    """A category as the API answers it, with its item count."""
    return {
        "id": 2,
        "name": "Tools",
        "description": "",
        "item_count": 1,
        "version": 1,
        "created_at": CREATED,
        "updated_at": UPDATED,
        **fields,
    }


def item(**fields) -> dict:
    """An item as the API answers it, with its category's name."""
    return {
        "id": 5,
        "name": "Hammer",
        "sku": "H-1",
        "description": "Claw",
        "category": 2,
        "category_name": "Tools",
        "quantity": 3,
        "reorder_level": 0,
        "price": "12.50",
        "version": 4,
        "created_at": CREATED,
        "updated_at": UPDATED,
        **fields,
    }


def session(**fields) -> dict:
    """One of the user's sessions (`auth/sessions/`)."""
    return {
        "id": "sess-this",
        "created": "2026-11-28T09:00:00Z",
        "expiry": "2026-11-28T19:00:00Z",
        "last_used": "2026-11-28T09:30:00Z",
        "user_agent": None,
        "ip": None,
        "current": False,
        **fields,
    }


def page(rows, *, count=None, next=None, previous=None) -> dict:
    """A numbered page of a listing; `next`/`previous` name the API's host, as DRF's links do."""
    return {"count": len(rows) if count is None else count, "next": next, "previous": previous, "results": list(rows)}


def field_errors(**messages) -> dict:
    """A 400 body: messages by field (`non_field_errors` for the whole body)."""
    return {name: value if isinstance(value, list) else [value] for name, value in messages.items()}


def detail(message: str) -> dict:
    """An error body with one message: 401, 404, 409, 429, 503."""
    return {"detail": message}


def precondition_failed(current: dict, message: str = "The item was changed by someone else.") -> dict:
    """A 412 body: the message and the current version of the object."""
    return {"detail": message, "current": current}


def trashed_item(**fields) -> dict:
    """An item in the trash (`items/trash/`): the item, when it was deleted, and when it goes for good (30 days on)."""
    return item(**{"deleted_at": "2026-11-28T14:05:09Z", "purge_at": "2026-12-28T14:05:09Z", **fields})


def trash_page(rows, *, retention_days: int = 30, **links) -> dict:
    """A numbered page of the trash: a page of `rows`, with how many days the API keeps deleted items."""
    return {**page(rows, **links), "retention_days": retention_days}


def import_report(**fields) -> dict:
    """An import's preview (`items/imports/`): what committing will do, and what is wrong with the file."""
    return {
        "id": "abc",
        "status": "pending",
        "expires": "2026-11-28T15:00:00Z",
        "rows": 1,
        "create": 1,
        "update": 0,
        "unchanged": 0,
        "errors": [],
        "error_count": 0,
        "unknown_columns": [],
        "categories_to_create": [],
        "to_create": [],
        "to_update": [],
        **fields,
    }


def import_result(**fields) -> dict:
    """What committing an import did."""
    return {"created": 1, "updated": 0, "unchanged": 0, "categories_created": 0, **fields}


def stats(**fields) -> dict:
    """The dashboard's figures (`stats/`)."""
    return {
        "items": 2,
        "categories": 1,
        "units": 5,
        "value": "84.50",
        "out_of_stock": 0,
        "low_stock_count": 0,
        "low_stock": [],
        "by_category": [],
        **fields,
    }
