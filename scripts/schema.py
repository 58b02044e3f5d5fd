"""`make schema`: regenerate the OpenAPI schema API consumers download, api_service/openapi.yaml, from the code."""

import os
import subprocess
import sys
from pathlib import Path

from venvs import ROOT, ensure, python

COMMITTED = ROOT / "api_service" / "openapi.yaml"
# The variable that tells the client's and the live suites which schema to check their calls against.
SCHEMA_VARIABLE = "STOCKROOM_OPENAPI_SCHEMA"


def generate(path: Path) -> None:
    """Write the API's schema, as drf-spectacular builds it from the code, to `path`; fail on any warning."""
    # The API's own settings only: a developer's API_* variables must not make their schema differ from CI's.
    environment = {name: value for name, value in os.environ.items() if not name.startswith(("API_", "DATABASE_"))}
    command = [str(python("api")), "manage.py", "spectacular", "--validate", "--fail-on-warn", "--file", str(path)]
    subprocess.run(command, cwd=ROOT / "api_service", env=environment, check=True)


if __name__ == "__main__":
    ensure("api")
    generate(COMMITTED)
    print(f"Wrote {COMMITTED.relative_to(ROOT)}; commit it with the change that altered it.")
    sys.exit(0)
