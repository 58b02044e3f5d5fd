"""`make soak`: set up the environments, then run the soak and fault harness with the tools environment."""

import subprocess
import sys

from venvs import ROOT, ensure, python

if __name__ == "__main__":
    ensure("api", "tools")
    sys.exit(subprocess.run([str(python("tools")), str(ROOT / "soak" / "run.py")], cwd=ROOT).returncode)
