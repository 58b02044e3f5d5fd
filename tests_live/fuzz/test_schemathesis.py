"""Schemathesis against the live API's own schema: no 5xx, and every response as the schema says.

Two runs, each with an account of its own: every operation but the four that can end the caller's token or
account (logging out, everywhere, signing out a session, deleting the account), then those four alone, so they
cannot cut the first run short. tests_live/fuzz/hooks.py mixes real credentials, a mailed reset link and the
fuzzer's own item ids into the bodies of the operations that need them.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import requests

from tests_live.servers import ARTIFACTS

# Bounded for `make test`; `make soak` raises it (FUZZ_MAX_EXAMPLES) and asks for at least FUZZ_MIN_CASES cases.
MAX_EXAMPLES = os.environ.get("FUZZ_MAX_EXAMPLES", "25")
MIN_CASES = int(os.environ.get("FUZZ_MIN_CASES", "0"))
SEED = os.environ.get("FUZZ_SEED", "20261124")

# Every check runs but two that a correct API fails by design (docs/testing.md, "Fuzzing"):
# - positive_data_acceptance: schema-valid data that the API's state refuses: a category name already taken, a
#   SKU in use, an id that is not one of yours, wrong credentials, a password Django finds too common.
# - negative_data_rejection: DRF coerces compatible values rather than refusing them (the number 0 for the
#   string "0", "3" for the integer 3), which the schema's types do not describe.
EXCLUDED_CHECKS = "positive_data_acceptance,negative_data_rejection"
# Each can end the caller's own token: logging out, everywhere, signing out a session (its own among them).
ACCOUNT_ENDING = ["auth_logout", "auth_logoutall", "auth_sessions_destroy", "auth_me_destroy"]
PASSWORD = "Fuzz-the-api-2026"
HOOKS = "tests_live.fuzz.hooks"
# Operations that hash a password (on purpose slowly: 0.3 s and more each) get at most this many examples per
# phase, so that the large run's cases go to the operations that are cheap to call.
PASSWORD_HASHING = ["auth_register", "auth_login", "auth_password_change", "auth_password_reset_confirm"]
HASHING_EXAMPLES = 15


def config_file(directory: Path) -> Path:
    """Write Schemathesis' configuration: the examples per operation, fewer for the password-hashing ones."""
    path = directory / "schemathesis.toml"
    hashing = "|".join(PASSWORD_HASHING)
    path.write_text(
        f"generation.max-examples = {int(MAX_EXAMPLES)}\n\n"
        "[[operations]]\n"
        f'include-operation-id-regex = "^({hashing})$"\n'
        f"generation.max-examples = {min(HASHING_EXAMPLES, int(MAX_EXAMPLES))}\n"
    )
    return path


def account(api_url: str, username: str) -> dict:
    """Register an account, log in, and return its username, password and token."""
    credentials = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
    requests.post(f"{api_url}/api/v1/auth/register/", json=credentials, timeout=10).raise_for_status()
    answer = requests.post(f"{api_url}/api/v1/auth/login/", json=credentials, timeout=10)
    answer.raise_for_status()
    return {"username": username, "password": PASSWORD, "token": answer.json()["token"]}


def objects_of(api_url: str, token: str, kind: str, count: int) -> list[int]:
    """Create `count` items or categories for the account; return their ids (the hooks address them)."""
    headers = {"Authorization": f"Token {token}"}
    ids = []
    for number in range(count):
        body = {"name": f"Fuzz {kind} {number}"}
        answer = requests.post(f"{api_url}/api/v1/{kind}/", json=body, headers=headers, timeout=10)
        ids.append(answer.json()["id"])
    return ids


def trashed(api_url: str, token: str, ids: list[int]) -> list[int]:
    """Delete the items (they go to the trash, where the batch restore finds them); return their ids."""
    for item_id in ids:
        headers = {"Authorization": f"Token {token}"}
        answer = requests.delete(f"{api_url}/api/v1/items/{item_id}/", headers=headers, timeout=10)
        answer.raise_for_status()
    return ids


def reset_link(live_api, username: str) -> dict:
    """Ask for a password reset for the account; return the mailed link and how the hooks ask for the next one."""
    email, request_url = f"{username}@example.com", f"{live_api.url}/api/v1/auth/password/reset/"
    requests.post(request_url, json={"email": email}, timeout=10).raise_for_status()
    link = live_api.mailbox.reset_link(email)
    return {
        "reset_uid": link["uid"],
        "reset_token": link["token"],
        "reset_email": email,
        "reset_request_url": request_url,
        "mail": str(live_api.mailbox.directory),
    }


def schemathesis(api_url: str, name: str, token: str, secrets: dict, operations: list[str]) -> str:
    """Run Schemathesis over the given operation filters; return its report (also kept in artifacts/fuzz/)."""
    report = ARTIFACTS / "fuzz" / f"schemathesis-{name}.txt"
    report.parent.mkdir(parents=True, exist_ok=True)
    environment = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": HOOKS,
        "STOCKROOM_FUZZ_SECRETS": json.dumps(secrets),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "schemathesis"),
            "--config-file",
            str(config_file(report.parent)),
            "run",
            f"{api_url}/api/schema/?format=json",
            "--url",
            api_url,
            "--header",
            f"Authorization: Token {token}",
            "--checks",
            "all",
            "--exclude-checks",
            EXCLUDED_CHECKS,
            *operations,
            "--seed",
            SEED,
            "--no-color",
        ],
        # Schemathesis and Hypothesis keep their example caches in the working directory: not in the repository.
        cwd=report.parent,
        env=environment,
        capture_output=True,
        text=True,
        timeout=int(os.environ.get("FUZZ_TIMEOUT", "900")),
    )
    report.write_text(result.stdout + result.stderr)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    return result.stdout


def cases_generated(report: str) -> int:
    """Read the number of generated cases from Schemathesis' summary."""
    match = re.search(r"(\d+) generated", report)
    return int(match[1]) if match else 0


def test_every_operation_conforms_to_the_schema_and_never_fails(live_api):
    fuzzer = account(live_api.url, "fuzzer")
    secrets = {
        **fuzzer,
        "item_ids": objects_of(live_api.url, fuzzer["token"], "items", 30),
        "category_ids": objects_of(live_api.url, fuzzer["token"], "categories", 10),
        "trash_ids": trashed(live_api.url, fuzzer["token"], objects_of(live_api.url, fuzzer["token"], "items", 10)),
    }
    account(live_api.url, "fuzz-reset")
    secrets.update(reset_link(live_api, "fuzz-reset"))
    excluded = [option for operation in ACCOUNT_ENDING for option in ("--exclude-operation-id", operation)]
    main = schemathesis(live_api.url, "operations", fuzzer["token"], secrets, excluded)
    assert "Stateful" in main
    assert "mostly rejected generated data" not in main, main[-4000:]

    ending = account(live_api.url, "fuzz-ending")
    included = [option for operation in ACCOUNT_ENDING for option in ("--include-operation-id", operation)]
    last = schemathesis(live_api.url, "account-ending", ending["token"], ending, included)
    assert cases_generated(main) + cases_generated(last) >= MIN_CASES, (main[-1500:], last[-1500:])
