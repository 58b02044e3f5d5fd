"""`make soak`: the long runs: the soak and fault harness, then a large Schemathesis run (FUZZ_MAX_EXAMPLES)."""

import os
import subprocess
import sys

from venvs import ROOT, ensure, python

if __name__ == "__main__":
    ensure("api", "tools")
    soak = subprocess.run([str(python("tools")), str(ROOT / "soak" / "run.py")], cwd=ROOT).returncode
    fuzz_env = {**os.environ, "FUZZ_MAX_EXAMPLES": os.environ.get("FUZZ_MAX_EXAMPLES", "500")}
    fuzz_command = [str(python("tools")), "-m", "pytest", "-p", "no:cacheprovider", "tests_live/fuzz"]
    fuzz = subprocess.run(fuzz_command, cwd=ROOT, env=fuzz_env).returncode
    sys.exit(1 if soak or fuzz else 0)
