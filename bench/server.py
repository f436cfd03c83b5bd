"""Start a server process, wait until it answers, stop it (and only it) afterwards."""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")


class ServerError(Exception):
    """The server did not come up; the message carries the end of its log."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running(
    command: list[str],
    env: Mapping[str, str],
    *,
    ready_url: str,
    log_file: Path,
    cwd: Path | None = None,
    start_timeout: float = 60,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` in its own process group until the block ends; `ready_url` must answer first."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("w") as log:
        process = subprocess.Popen(
            command, env=dict(env), cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            _wait_until_ready(process, ready_url, log_file, start_timeout)
            yield process
        finally:
            _stop(process)


def cpu_seconds(process: subprocess.Popen[bytes]) -> float:
    """User and system CPU time used so far by the live processes of `process`'s group (Linux /proc): what
    the server itself spent. The database, Redis and the load generator share the machine and are
    not in it, so per request it tells a write's cost from a read's where throughput mixes them."""
    group, ticks = os.getpgid(process.pid), 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[2]) == group:  # pgrp; utime and stime follow at 11 and 12
            ticks += int(fields[11]) + int(fields[12])
    return ticks / _TICKS


def _wait_until_ready(process: subprocess.Popen[bytes], url: str, log_file: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"server exited with {process.returncode}:\n{_tail(log_file)}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (a local http URL we built)
                return
        except urllib.error.HTTPError:
            return  # it answers; the status is the scenario's business
        except OSError:
            time.sleep(0.2)
    raise ServerError(f"server not ready after {timeout:.0f}s at {url}:\n{_tail(log_file)}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the group we started (uvicorn and its workers), SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    group = os.getpgid(process.pid)
    os.killpg(group, signal.SIGTERM)
    try:
        process.wait(timeout=25)
    except subprocess.TimeoutExpired:
        os.killpg(group, signal.SIGKILL)
        process.wait(timeout=5)


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
