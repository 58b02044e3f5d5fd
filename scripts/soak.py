"""`make soak`: the long runs: the soak and fault harness, then Schemathesis with at least 10,000 generated cases."""

import os
import subprocess
import sys

from venvs import ROOT, ensure, python

if __name__ == "__main__":
    ensure("api", "tools")
    soak = subprocess.run([str(python("tools")), str(ROOT / "soak" / "run.py")], cwd=ROOT).returncode
    # At least 10,000 generated cases over every operation (the run fails with fewer), an hour at most.
    fuzz_env = {
        **os.environ,
        "FUZZ_MAX_EXAMPLES": os.environ.get("FUZZ_MAX_EXAMPLES", "300"),
        "FUZZ_MIN_CASES": os.environ.get("FUZZ_MIN_CASES", "10000"),
        "FUZZ_TIMEOUT": os.environ.get("FUZZ_TIMEOUT", "3600"),
    }
    fuzz_command = [str(python("tools")), "-m", "pytest", "-p", "no:cacheprovider", "tests_live/fuzz"]
    fuzz = subprocess.run(fuzz_command, cwd=ROOT, env=fuzz_env).returncode
    sys.exit(1 if soak or fuzz else 0)
