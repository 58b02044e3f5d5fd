"""`make bench`: install what is missing, then run the performance harness (bench/run.py)."""

import subprocess
import sys

from venvs import ROOT, ensure, python

if __name__ == "__main__":
    ensure()
    sys.exit(subprocess.run([str(python("tools")), str(ROOT / "bench" / "run.py")], cwd=ROOT).returncode)
