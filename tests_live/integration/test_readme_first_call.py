"""The README's "A first call" block, run as written against the live API (only the API address differs)."""

import json
import re
import subprocess

from tests_live.servers import ROOT

README_API = "API=http://127.0.0.1:8000/api/v1"


def first_call_block() -> str:
    """Return the shell block under the README's "A first call" heading."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## A first call", 1)[1]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


def test_the_readme_block_points_at_make_runs_api():
    assert first_call_block().startswith(README_API + "\n")


def test_the_readme_block_registers_logs_in_creates_and_finds_an_item(live_api):
    script = first_call_block().replace(README_API, f"API={live_api.url}/api/v1", 1)
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    # Each curl prints one JSON document, with no newline between them: read them one after another.
    decoder, outputs, text = json.JSONDecoder(), [], done.stdout.strip()
    while text:
        document, end = decoder.raw_decode(text)
        outputs.append(document)
        text = text[end:].lstrip()
    registered, created, found = outputs
    assert registered["username"] == "ada"
    assert created["name"] == "Claw hammer" and created["sku"] == "HAM-1"
    assert [item["sku"] for item in found["results"]] == ["HAM-1"]
