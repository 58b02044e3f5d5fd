"""`make run`: set up both projects, then serve the API and the web client together until Ctrl-C."""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time

from venvs import ROOT, ensure, python

API_PORT = int(os.environ.get("API_PORT", "8000"))
CLIENT_PORT = int(os.environ.get("CLIENT_PORT", "8001"))
DEMO_PASSWORD = "demo-password-2026"


def port_is_free(port: int) -> bool:
    """Tell whether nothing listens on 127.0.0.1:port."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def dotenv_values() -> dict:
    """Return the variables the repository's .env sets (read with python-dotenv, as the projects read it)."""
    code = "import json, sys, dotenv; print(json.dumps(dotenv.dotenv_values(sys.argv[1])))"
    path = ROOT / ".env"
    if not path.exists():
        return {}
    result = subprocess.run([str(python("api")), "-c", code, str(path)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def run_settings(configured: dict) -> tuple[dict, dict]:
    """Return what the API's and the client's environments need for this run, on top of what is configured.

    Both get one client key, so the API believes the end-user address the client forwards and throttles each
    person rather than the whole client: the configured key (API_TRUSTED_CLIENT_KEY or API_CLIENT_KEY, from the
    environment or .env), else a new random one for this run only, never written anywhere. The API's reset mails
    link to this run's client unless API_PASSWORD_RESET_URL is configured.
    """

    def setting(name):
        return os.environ.get(name) or configured.get(name) or ""

    key = setting("API_TRUSTED_CLIENT_KEY") or setting("API_CLIENT_KEY") or secrets.token_urlsafe(32)
    api = {"API_TRUSTED_CLIENT_KEY": key}
    if not setting("API_PASSWORD_RESET_URL"):
        api["API_PASSWORD_RESET_URL"] = f"http://127.0.0.1:{CLIENT_PORT}/password-reset/"
    client = {"API_CLIENT_KEY": key, "API_BASE_URL": f"http://127.0.0.1:{API_PORT}/api/v1/"}
    return api, client


def manage(project: str, venv_name: str, *args: str) -> None:
    """Run a management command of one project, failing loudly."""
    subprocess.run([str(python(venv_name)), "manage.py", *args], cwd=ROOT / project, check=True)


def start(name: str, project: str, venv_name: str, port: int, env: dict) -> subprocess.Popen:
    """Start a development server in its own process group, its output prefixed with its name."""
    process = subprocess.Popen(
        [str(python(venv_name)), "manage.py", "runserver", f"127.0.0.1:{port}"],
        cwd=ROOT / project,
        env={**os.environ, **env, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    threading.Thread(target=_relay, args=(name, process), daemon=True).start()
    return process


def _relay(name: str, process: subprocess.Popen) -> None:
    for line in process.stdout:
        print(f"[{name}] {line}", end="", flush=True)


def stop(processes: list[subprocess.Popen]) -> None:
    """Stop every server's whole process group, waiting briefly before killing what is left."""
    # Signal the group even when its leader has died: runserver's autoreloader child would keep the port.
    for process in processes:
        _signal_group(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 5
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
    while any(_signal_group(process.pid, 0) for process in processes) and time.monotonic() < deadline:
        time.sleep(0.1)
    for process in processes:
        _signal_group(process.pid, signal.SIGKILL)
        process.wait()


def _signal_group(group: int, signum: int) -> bool:
    """Send a signal to a process group; tell whether any of its processes was still there."""
    try:
        os.killpg(group, signum)
    except ProcessLookupError:
        return False
    return True


def _interrupt(*_) -> None:
    # SIGTERM takes the same way out as Ctrl-C, so both servers are stopped either way.
    raise KeyboardInterrupt


def main() -> int:
    """Prepare, serve, and clean up."""
    for label, port, variable in (("API", API_PORT, "API_PORT"), ("client", CLIENT_PORT, "CLIENT_PORT")):
        if not port_is_free(port):
            print(f"Port {port} (the {label}) is already in use. Stop whatever uses it, or set {variable}=<port>.")
            return 1
    ensure("api", "client")
    manage("api_service", "api", "migrate", "--noinput", "-v", "0")
    manage("crud_client", "client", "migrate", "--noinput", "-v", "0")
    if os.environ.get("DEMO") == "1":
        manage(
            "api_service",
            "api",
            "seed_demo",
            "--reset",
            "--items",
            "500",
            "--categories",
            "12",
            "--password",
            DEMO_PASSWORD,
        )

    api_url = f"http://127.0.0.1:{API_PORT}"
    api_env, client_env = run_settings(dotenv_values())
    servers = [
        start("api", "api_service", "api", API_PORT, api_env),
        start("client", "crud_client", "client", CLIENT_PORT, client_env),
    ]
    print(
        f"\n  Web client  http://127.0.0.1:{CLIENT_PORT}/\n  API         {api_url}/api/v1/\n"
        f"  API docs    {api_url}/api/docs/  (Redoc: {api_url}/api/redoc/)\n  Admin       {api_url}/admin/\n"
        + (f"  Demo login  demo / {DEMO_PASSWORD}\n" if os.environ.get("DEMO") == "1" else "")
        + "\n  Press Ctrl-C to stop both.\n",
        flush=True,
    )
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        while all(server.poll() is None for server in servers):
            time.sleep(0.5)
        print("A server stopped unexpectedly; stopping the other.", flush=True)
        return 1
    except KeyboardInterrupt:
        print("\nStopping both servers.", flush=True)
        return 0
    finally:
        stop(servers)


if __name__ == "__main__":
    sys.exit(main())
