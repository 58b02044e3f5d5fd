"""Schemathesis against the live API's own schema: no 5xx, and every response as the schema says."""

import os
import subprocess
import sys
from pathlib import Path

import requests

from tests_live.servers import ARTIFACTS

# Bounded for `make test`; raise it (e.g. 1000) for a long run.
MAX_EXAMPLES = os.environ.get("FUZZ_MAX_EXAMPLES", "25")

# Response-side checks all run. Two request-side checks are left out on purpose: DRF coerces compatible types
# (the number 0 into the string "0"), and business rules (password strength) are not schema constraints.
EXCLUDED_CHECKS = "positive_data_acceptance,negative_data_rejection"


def token_for_new_user(api_url: str) -> str:
    """Register a fuzzing user and log in."""
    account = {"username": "fuzzer", "email": "fuzzer@example.com", "password": "Fuzz-the-api-2026"}
    requests.post(f"{api_url}/api/v1/auth/register/", json=account, timeout=10)
    answer = requests.post(f"{api_url}/api/v1/auth/login/", json=account, timeout=10)
    answer.raise_for_status()
    return answer.json()["token"]


def test_every_operation_conforms_to_the_schema_and_never_fails(live_api):
    token = token_for_new_user(live_api.url)
    report = ARTIFACTS / "fuzz" / "schemathesis.txt"
    report.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "schemathesis"),
            "run",
            f"{live_api.url}/api/schema/?format=json",
            "--url",
            live_api.url,
            "--header",
            f"Authorization: Token {token}",
            "--checks",
            "all",
            "--exclude-checks",
            EXCLUDED_CHECKS,
            # Logging out would revoke the fuzzer's own token halfway; logout has its own tests.
            "--exclude-path-regex",
            "logout",
            "--max-examples",
            MAX_EXAMPLES,
            "--seed",
            os.environ.get("FUZZ_SEED", "20261124"),
            "--no-color",
        ],
        # Schemathesis and Hypothesis keep their example caches in the working directory: not in the repository.
        cwd=report.parent,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report.write_text(result.stdout + result.stderr)
    assert result.returncode == 0, result.stdout[-6000:]
    assert "Stateful" in result.stdout
