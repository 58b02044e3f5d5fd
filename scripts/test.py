"""`make test`: install what is missing, lint, then run every suite and print one summary."""

import os
import re
import shutil
import subprocess
import sys
import time

from schema import SCHEMA_VARIABLE, generate
from venvs import ROOT, ensure, python

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() == "true"

# name: (environment, working directory, pytest arguments)
SUITES = {
    "api": ("api", "api_service", []),
    "client": ("client", "crud_client", []),
    "integration": ("tools", ".", ["tests_live/integration"]),
    "fuzz": ("tools", ".", ["tests_live/fuzz"]),
    "browser": ("tools", ".", ["tests_live/browser"]),
}
# Suites that check the calls they make against the API's schema, as the code generates it now.
CONTRACT_SUITES = {"client", "integration"}
FRESH_SCHEMA = ROOT / "artifacts" / "openapi.yaml"


def lint() -> bool:
    """Run ruff's linter and format check over the whole repository, and `pip check` in every environment."""
    ruff = str(python("tools").parent / "ruff")
    print("==> lint", flush=True)
    checked = subprocess.run([ruff, "check", "."], cwd=ROOT).returncode == 0
    formatted = subprocess.run([ruff, "format", "--check", "--quiet", "."], cwd=ROOT).returncode == 0
    # Pinned versions can still disagree with each other's declared requirements; pip says so here.
    consistent = all(
        subprocess.run([str(python(name)), "-m", "pip", "check"], cwd=ROOT).returncode == 0
        for name in ("api", "client", "tools")
    )
    return checked and formatted and consistent


def skip_reason(name: str) -> str | None:
    """Say why a suite cannot run on this machine, or None when it can."""
    if name == "browser" and not shutil.which(CHROMIUM):
        return f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`"
    return None


def fresh_schema() -> dict:
    """Generate the API's schema from the code into artifacts/; return the environment that points suites at it."""
    print(f"==> schema: generating {FRESH_SCHEMA.relative_to(ROOT)} from the API's code", flush=True)
    FRESH_SCHEMA.parent.mkdir(exist_ok=True)
    generate(FRESH_SCHEMA)
    return {SCHEMA_VARIABLE: str(FRESH_SCHEMA)}


def run_suite(name: str, environment: dict | None = None) -> tuple[str, str]:
    """Run one suite with pytest; return its outcome and pytest's closing counts."""
    venv_name, workdir, args = SUITES[name]
    print(f"==> {name} suite", flush=True)
    process = subprocess.Popen(
        [str(python(venv_name)), "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=ROOT / workdir,
        env={**os.environ, **(environment or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    last_counts = ""
    for line in process.stdout:
        print(line, end="", flush=True)
        if re.search(r"\d+ (passed|failed|error)", line):
            last_counts = line.strip(" =\n")
    # pytest's exit code 5 (no tests collected) is a failure here: an empty suite checks nothing.
    return ("ok" if process.wait() == 0 else "FAILED"), last_counts


def totals(results: list[tuple[str, str, str]]) -> str:
    """Add up pytest's closing counts over the suites, as one `N passed, N failed, N skipped` line."""
    sums = {"passed": 0, "failed": 0, "skipped": 0}
    for _, outcome, detail in results:
        counts = {"passed": 0, "failed": 0, "skipped": 0}
        for number, word in re.findall(r"(\d+) (passed|failed|errors?|skipped)", detail):
            counts["failed" if word.startswith("error") else word] += int(number)
        # A suite that failed or was skipped as a whole (lint, a crash, no Chromium) counts as one.
        if outcome == "FAILED" and not counts["failed"]:
            counts["failed"] = 1
        if outcome == "skipped":
            counts["skipped"] = 1
        for word, number in counts.items():
            sums[word] += number
    return ", ".join(f"{number} {word}" for word, number in sums.items())


def main() -> int:
    """Run the suites named in SUITES (default: all) and report."""
    started = time.monotonic()
    wanted = os.environ.get("SUITES", "lint " + " ".join(SUITES)).split()
    unknown = sorted(set(wanted) - {"lint", *SUITES})
    if unknown or not wanted:
        print(f"Unknown suite(s) {' '.join(unknown)}; choose from: lint {' '.join(SUITES)}")
        return 2
    ensure("api", "client", "tools")
    results = []
    if "lint" in wanted:
        results.append(("lint", "ok" if lint() else "FAILED", ""))
    contract = {}
    if CONTRACT_SUITES & set(wanted):
        try:
            contract = fresh_schema()
        except subprocess.CalledProcessError:
            results.append(("schema", "FAILED", "drf-spectacular could not generate a valid schema (see above)"))
    for name in (suite for suite in SUITES if suite in wanted):
        reason = skip_reason(name)
        if reason and IN_CI:
            results.append((name, "FAILED", f"cannot run in CI: {reason}"))
        elif reason:
            results.append((name, "skipped", reason))
        else:
            results.append((name, *run_suite(name, contract if name in CONTRACT_SUITES else None)))
    print("\n==> Summary")
    for name, outcome, detail in results:
        print(f"  {name:<12} {outcome:<8} {detail}")
    print(f"  wall time    {time.monotonic() - started:.0f} s")
    print(f"total: {totals(results)}")
    return 0 if all(outcome in ("ok", "skipped") for _, outcome, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
