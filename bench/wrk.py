"""Drive a URL with wrk and compare two URLs fairly: interleaved A/B/B/A bursts, median of the pair ratios."""

import json
import re
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = "wrk is missing: install it with `apt-get install -y wrk` (Debian package)."
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class Load:
    """One request to repeat: method, URL, headers and body."""

    url: str
    headers: tuple[tuple[str, str], ...] = ()
    method: str = "GET"
    body: str | None = None


@dataclass(frozen=True)
class Burst:
    """What one wrk run measured."""

    requests_per_second: float
    p50_ms: float
    requests: int
    errors: int
    p99_ms: float = 0.0


def require_wrk() -> str:
    """Return wrk's path, or stop with how to install it."""
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit(INSTALL_HINT)
    return path


def _script(load: Load) -> str:
    lines = [f"wrk.method = {json.dumps(load.method)}"]
    if load.body is not None:
        lines.append(f"wrk.body = {json.dumps(load.body)}")
    lines += [f"wrk.headers[{json.dumps(name)}] = {json.dumps(value)}" for name, value in load.headers]
    # Any non-2xx answer is counted as an error: a benchmark of 4xx pages measures nothing.
    lines.append("function response(status, headers, body) if status >= 300 then wrk.thread:stop() end end")
    return "\n".join(lines) + "\n"


def run(
    load: Load,
    *,
    seconds: float,
    connections: int,
    threads: int = 1,
    warm_up: bool = False,
    allow_errors: bool = False,
) -> Burst | None:
    """Run wrk for `seconds` against one load and return throughput and latencies (None for a warm-up).

    Errors (non-2xx answers, socket errors) stop the run with an exception unless `allow_errors`, which counts them.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_script(load))
    try:
        output = subprocess.run(
            [
                require_wrk(),
                f"-t{threads}",
                f"-c{connections}",
                f"-d{max(seconds, 1):g}s",
                "--timeout",
                "30s",  # wrk's default of 2 s would count a slow page on a large data set as an error
                "--latency",
                "-s",
                script.name,
                load.url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        Path(script.name).unlink()
    return None if warm_up else _parse(output, load.url, allow_errors=allow_errors)


def _latency_ms(output: str, percentile: int) -> float | None:
    found = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    return float(found.group(1)) * _UNITS[found.group(2)] if found else None


def _parse(output: str, url: str, *, allow_errors: bool = False) -> Burst:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50, p99 = _latency_ms(output, 50), _latency_ms(output, 99)
    total = re.search(r"(\d+) requests in", output)
    if not (rps and p50 is not None and total):
        raise RuntimeError(f"could not read wrk's output for {url}:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:.*", output)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(0)))
    if (errors and not allow_errors) or int(total.group(1)) == 0:
        raise RuntimeError(f"wrk saw errors or no answers for {url}:\n{output}")
    return Burst(float(rps.group(1)), p50, int(total.group(1)), errors, p99 or 0.0)


@dataclass(frozen=True)
class Comparison:
    """B against A over interleaved pairs: each pair's ratio, and the bursts kept for the report."""

    pairs: list[tuple[Burst, Burst]]
    ratios: list[float]

    @property
    def ratio(self) -> float:
        """The median of the per-pair ratios: the figure."""
        return statistics.median(self.ratios)


def compare(a: Load, b: Load, *, metric: str, pairs: int, seconds: float, connections: int) -> Comparison:
    """Measure B against A in bursts ordered A,B, B,A, A,B, …; return the median of B/A over the pairs.

    `metric` is "throughput" (B's requests per second over A's) or "latency" (B's median latency over A's).
    Each pair runs back to back and the order alternates, which cancels the drift of a shared machine.
    """
    # Warm caches, connections and code paths of both sides.
    run(a, seconds=1, connections=connections, warm_up=True)
    run(b, seconds=1, connections=connections, warm_up=True)
    measured = []
    for n in range(pairs):
        order = (a, b) if n % 2 == 0 else (b, a)
        first, second = (run(load, seconds=seconds, connections=connections) for load in order)
        measured.append((first, second) if n % 2 == 0 else (second, first))
    if metric == "throughput":
        ratios = [pb.requests_per_second / pa.requests_per_second for pa, pb in measured]
    else:
        ratios = [pb.p50_ms / pa.p50_ms for pa, pb in measured]
    return Comparison(measured, ratios)
