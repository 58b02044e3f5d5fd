"""Schemathesis hooks (loaded through SCHEMATHESIS_HOOKS): real credentials and ids for the operations that need them.

Random data cannot log in, confirm a password, follow a mailed reset link or name one of the fuzzer's items, so
without help every positive case of those operations is refused, their success paths (and the answers those
document) go untested, and Schemathesis warns that the operation "mostly rejected generated data". In every other
positive case of each such operation, in every phase, `before_call` puts in values the live API knows, from the
environment tests_live/fuzz/test_schemathesis.py sets up; the other cases stay as generated, so refusals are
fuzzed too. A spent reset link is replaced by a fresh one from the API's mail (`after_call`).
"""

import json
import os
from collections import Counter
from pathlib import Path

import requests
import schemathesis
from schemathesis.generation import GenerationMode

from tests_live.mailbox import Mailbox

SECRETS = json.loads(os.environ.get("STOCKROOM_FUZZ_SECRETS", "{}"))
_turns = Counter()


def _credentials(case, turn: int) -> None:
    case.body = {**case.body, "username": SECRETS["username"], "password": SECRETS["password"]}


def _same_password(case, turn: int) -> None:
    # The password "changes" to itself: the success path runs and the fuzzer can still log in afterwards.
    case.body = {**case.body, "old_password": SECRETS["password"], "new_password": SECRETS["password"]}


def _password(case, turn: int) -> None:
    case.body = {**case.body, "password": SECRETS["password"]}


def _reset_link(case, turn: int) -> None:
    case.body = {**case.body, "uid": SECRETS["reset_uid"], "token": SECRETS["reset_token"]}


def _own(kind: str, turn: int) -> int:
    ids = SECRETS[f"{kind}_ids"]
    return ids[turn % len(ids)]


def _own_items_in_bulk(case, turn: int) -> None:
    # Actions that leave the items in place, on a few of the fuzzer's own items (any other id is refused).
    ids = [_own("item", turn + step) for step in range(1 + turn % 3)]
    action = (
        {"action": "adjust_quantity", "delta": 1} if turn % 4 == 1 else {"action": "set_category", "category": None}
    )
    case.body = {"ids": ids, **action}


def _own_object(kind: str, kept: tuple[str, ...]):
    """Address one of the fuzzer's own objects, without If-Match (its version is unknown) and with only the fields
    whose values cannot belong to someone else or already be taken."""

    def fill(case, turn: int) -> None:
        case.path_parameters = {**(case.path_parameters or {}), "id": _own(kind, turn)}
        case.headers = {name: value for name, value in (case.headers or {}).items() if name.lower() != "if-match"}
        if isinstance(case.body, dict):
            case.body = {name: value for name, value in case.body.items() if name in kept}

    return fill


def _new_account(case, turn: int) -> None:
    # Random usernames, addresses and passwords are refused for many reasons (taken, malformed, too common).
    name = f"fuzz-user-{os.getpid()}-{turn}"
    case.body = {"username": name, "email": f"{name}@example.com", "password": "Fuzz-register-2026"}


def _trashed_items(case, turn: int) -> None:
    case.body = {"ids": [_own("trash", turn)]}


def _csv_file(case, turn: int) -> None:
    case.body = f"sku,name,quantity,price\r\nFUZZ-CSV-{turn},Imported item {turn},2,3.50\r\n"


_ITEM_FIELDS = ("name", "description", "quantity")
# Where random positive data is almost never right (ids of someone's items, a CSV file of items), every positive
# case gets known values; negative cases still fuzz the refusals.
FILL_EVERY_POSITIVE_CASE = {"items_bulk", "items_imports_create"}
KNOWN_VALUES = {
    "auth_login": _credentials,
    "auth_password_change": _same_password,
    "auth_me_destroy": _password,
    "auth_password_reset_check": _reset_link,
    "auth_password_reset_confirm": _reset_link,
    "items_bulk": _own_items_in_bulk,
    "items_imports_create": _csv_file,
    "auth_register": _new_account,
    "items_trash_restore_batch": _trashed_items,
    "items_update": _own_object("item", _ITEM_FIELDS),
    "items_partial_update": _own_object("item", _ITEM_FIELDS),
    "categories_update": _own_object("category", ("name", "description")),
    "categories_partial_update": _own_object("category", ("name", "description")),
}
# What each filler needs from the environment; a run without it (the account-ending one) leaves the case alone.
NEEDS = {"auth_password_reset_check": "reset_uid", "auth_password_reset_confirm": "reset_uid", "items_bulk": "item_ids"}
NEEDS |= {name: "item_ids" for name in ("items_update", "items_partial_update")}
NEEDS |= {name: "category_ids" for name in ("categories_update", "categories_partial_update")}
NEEDS["items_trash_restore_batch"] = "trash_ids"


def _operation_id(case) -> str | None:
    return case.operation.definition.raw.get("operationId")


@schemathesis.hook
def before_call(context, case, **kwargs):
    """In every other positive case of an operation that needs them, put in values the live API knows."""
    operation_id = _operation_id(case)
    fill = KNOWN_VALUES.get(operation_id)
    positive = case.meta is not None and case.meta.generation.mode == GenerationMode.POSITIVE
    if fill is None or not positive or NEEDS.get(operation_id, "password") not in SECRETS:
        return
    if case.body is not None and not isinstance(case.body, dict) and operation_id != "items_imports_create":
        return
    _turns[operation_id] += 1
    if _turns[operation_id] % 2 or operation_id in FILL_EVERY_POSITIVE_CASE:
        fill(case, _turns[operation_id])


@schemathesis.hook
def after_call(context, case, response):
    """Once the reset link is spent, ask for a fresh one and read it from the API's mail."""
    if _operation_id(case) != "auth_password_reset_confirm" or response.status_code != 204 or "mail" not in SECRETS:
        return
    requests.post(SECRETS["reset_request_url"], json={"email": SECRETS["reset_email"]}, timeout=10).raise_for_status()
    SECRETS["resets"] = SECRETS.get("resets", 1) + 1
    link = Mailbox(Path(SECRETS["mail"])).reset_link(SECRETS["reset_email"], count=SECRETS["resets"])
    SECRETS["reset_uid"], SECRETS["reset_token"] = link["uid"], link["token"]
