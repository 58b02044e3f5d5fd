"""`make cluster` and `make cluster-soak`: install what is missing, then run cluster.serve or cluster.soak."""

import subprocess
import sys

from venvs import ROOT, ensure, python

if __name__ == "__main__":
    ensure()
    module = {"serve": "cluster.serve", "soak": "cluster.soak"}[sys.argv[1]]
    sys.exit(subprocess.run([str(python("tools")), "-m", module], cwd=ROOT).returncode)
