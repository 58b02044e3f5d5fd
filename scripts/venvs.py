"""Create or update each project's virtual environment from its own requirements file, only when it changed."""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each project keeps its own environment so the two stay isolated; the root one holds repository tooling.
ENVIRONMENTS = {
    "api": (ROOT / "api_service" / ".venv", ROOT / "api_service" / "requirements.txt"),
    "client": (ROOT / "crud_client" / ".venv", ROOT / "crud_client" / "requirements.txt"),
    "tools": (ROOT / ".venv", ROOT / "requirements-dev.txt"),
}


def python(name: str) -> Path:
    """Return the interpreter of one environment."""
    return ENVIRONMENTS[name][0] / "bin" / "python"


def ensure(*names: str) -> None:
    """Create missing environments and reinstall those whose requirements changed since the last install."""
    for name in names or ENVIRONMENTS:
        env_dir, requirements = ENVIRONMENTS[name]
        digest = hashlib.sha256(requirements.read_bytes()).hexdigest()
        stamp = env_dir / ".requirements.sha256"
        if stamp.exists() and stamp.read_text() == digest and python(name).exists():
            continue
        print(f"==> Installing {requirements.relative_to(ROOT)} into {env_dir.relative_to(ROOT)}", flush=True)
        if not python(name).exists():
            venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
        # -qq: errors only; a machine's pip configuration can otherwise print a warning per package.
        pip = [str(python(name)), "-m", "pip", "install", "-qq", "--disable-pip-version-check"]
        environment = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        subprocess.run([*pip, "-r", str(requirements)], check=True, env=environment)
        stamp.write_text(digest)


if __name__ == "__main__":
    ensure(*sys.argv[1:])
