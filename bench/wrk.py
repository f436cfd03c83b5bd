"""Run wrk with the Conduit Lua scenarios and parse its output into a result."""

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

LUA_SCRIPT = Path(__file__).parent / "lua" / "conduit.lua"
MARKER = "BENCH_JSON "
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


class WrkError(Exception):
    """wrk is missing, failed, or printed something this parser does not understand."""


@dataclass(frozen=True, slots=True)
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int  # non-2xx/3xx answers plus socket errors (connect, read, write, timeout)
    server_cpu_ms: float | None = None  # the server's CPU time per request, where it was measured

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass(frozen=True, slots=True)
class LoadSpec:
    url: str
    scenario: str
    data_file: Path
    seconds: float
    connections: int = 32
    threads: int = 2
    timeout_s: int = 5


def wrk_path() -> str | None:
    return shutil.which("wrk")


def run_wrk(spec: LoadSpec) -> LoadResult:
    binary = wrk_path()
    if binary is None:
        raise WrkError("wrk is not installed (apt-get install -y wrk)")
    command = [
        binary,
        f"-t{spec.threads}",
        f"-c{spec.connections}",
        f"-d{max(1, round(spec.seconds))}s",
        f"--timeout={spec.timeout_s}s",
        "--latency",
        "-s",
        str(LUA_SCRIPT),
        spec.url,
        "--",
        spec.scenario,
        str(spec.data_file),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=spec.seconds + 60, check=False)
    except subprocess.TimeoutExpired as error:
        raise WrkError(f"wrk did not finish in time: {' '.join(command)}") from error
    if done.returncode != 0:
        raise WrkError(f"wrk failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
    return parse_wrk_output(done.stdout)


def parse_wrk_output(text: str) -> LoadResult:
    """The BENCH_JSON line of conduit.lua's done() when present, else wrk's own --latency report."""
    for line in text.splitlines():
        if line.startswith(MARKER):
            return _from_json(json.loads(line.removeprefix(MARKER)))
    return _from_text(text)


def _from_json(report: dict[str, int]) -> LoadResult:
    errors = sum(report[name] for name in ("connect", "read", "write", "status", "timeout"))
    return LoadResult(
        requests=report["requests"],
        seconds=report["duration_us"] / 1e6,
        p50_ms=report["p50_us"] / 1000,
        p99_ms=report["p99_us"] / 1000,
        errors=errors,
    )


def _from_text(text: str) -> LoadResult:
    total = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", text)
    p50 = re.search(r"^\s*50%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.MULTILINE)
    p99 = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.MULTILINE)
    if not (total and p50 and p99):
        raise WrkError(f"unrecognised wrk output (was --latency given?):\n{text}")
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    status = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = sum(int(n) for n in socket.groups()) if socket else 0
    return LoadResult(
        requests=int(total.group(1)),
        seconds=_ms(total.group(2), total.group(3)) / 1000,
        p50_ms=_ms(*p50.groups()),
        p99_ms=_ms(*p99.groups()),
        errors=errors + (int(status.group(1)) if status else 0),
    )


def _ms(value: str, unit: str) -> float:
    return float(value) * _UNITS[unit]
