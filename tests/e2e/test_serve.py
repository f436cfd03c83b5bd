"""`conduit serve` as operators run it: several worker processes on Redis, metrics summed over the
workers, JSON logs, and SIGTERM draining an in-flight request. Only 127.0.0.1, bounded in time."""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from entrypoints.cli.main import cli
from tests.conftest import TEST_SECRET
from tests.redis_helpers import free_port

CONDUIT = Path(sys.executable).parent / "conduit"


def test_several_workers_without_redis_are_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CONDUIT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CONDUIT_REDIS_URL", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--workers", "2", "--no-migrate"])
    assert result.exit_code == 7
    assert "CONDUIT_REDIS_URL" in result.output and "--workers 1" in result.output


def _metric(text: str, prefix: str) -> float:
    return sum(float(line.split()[-1]) for line in text.splitlines() if line.startswith(prefix))


def _tag_pids(log: Path) -> set[int]:
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    return {line["pid"] for line in lines if line.get("path") == "/api/tags"}


def _until_both_workers_answered(base: str, log: Path) -> int:
    """Bursts of requests on new connections until the access log shows both workers answered."""
    sent = 0
    with ThreadPoolExecutor(max_workers=8) as pool:
        while sent < 400:
            codes = list(pool.map(lambda _: httpx.get(f"{base}/api/tags").status_code, range(20)))
            assert codes == [200] * 20
            sent += 20
            time.sleep(0.1)  # the log thread writes the access lines
            if len(_tag_pids(log)) == 2:
                return sent
    raise AssertionError("one worker answered every request")


def _wait_until_ready(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "server exited"
        try:
            if httpx.get(f"{base}/health/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("server did not become ready")


@contextmanager
def serving(
    args: list[str], env: dict[str, str], log: Path, cwd: Path | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`conduit serve --port <free port> ARGS`, ready to answer: (its base URL, the process). Killed at
    the end if still running; its output goes to `log`."""
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(CONDUIT), "serve", "--port", str(port), *args],
            env=env,
            cwd=cwd,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_ready(base, process)
            yield base, process
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def _sigterm_during_a_slow_registration(base: str, process: subprocess.Popen[bytes]) -> None:
    """SIGTERM while a registration (made slow by the server's argon2 cost) is in flight: it is answered
    (drained, not dropped), and the server then ends with status 0."""
    answer: dict[str, httpx.Response] = {}
    user = {"user": {"username": "slow", "email": "slow@example.com", "password": "long enough"}}
    thread = threading.Thread(
        target=lambda: answer.update(response=httpx.post(f"{base}/api/users", json=user, timeout=60))
    )
    thread.start()
    deadline = time.monotonic() + 30
    in_progress = 'conduit_requests_in_progress{app_name="conduit",method="POST"'
    while _metric(httpx.get(f"{base}/metrics").text, in_progress) < 1:
        assert time.monotonic() < deadline, "the registration never started"
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    thread.join(timeout=60)
    assert answer["response"].status_code == 201
    assert process.wait(timeout=60) == 0


@pytest.mark.skipif(not CONDUIT.exists(), reason="the conduit console script is not installed")
def test_two_workers_share_redis_and_metrics_and_drain_on_sigterm(
    postgres_url: str, redis_url: str, cache_prefix: str, tmp_path
) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CONDUIT_", "PROMETHEUS_"))},
        "CONDUIT_DATABASE_URL": postgres_url,
        "CONDUIT_REDIS_URL": redis_url,
        "CONDUIT_CACHE_PREFIX": cache_prefix,
        "CONDUIT_SECRET_KEY": TEST_SECRET,
        "CONDUIT_DATA_DIR": str(tmp_path),
        "CONDUIT_LOG_FORMAT": "json",
        "CONDUIT_ARGON2_TIME_COST": "40",  # a registration slow enough to be in flight at SIGTERM
        "CONDUIT_SHUTDOWN_TIMEOUT_SECONDS": "30",
    }
    with serving(["--workers", "2", "--no-migrate"], env, tmp_path / "server.log") as (base, process):
        sent = _until_both_workers_answered(base, tmp_path / "server.log")
        tags = 'conduit_requests_total{app_name="conduit",method="GET",path="/api/tags"'
        deadline = time.monotonic() + 10  # a worker counts a request just after answering it
        while _metric(httpx.get(f"{base}/metrics").text, tags) < sent and time.monotonic() < deadline:
            time.sleep(0.05)
        # each scrape on a new connection, so both workers answer some: each reports the sum over both
        assert {_metric(httpx.get(f"{base}/metrics").text, tags) for _ in range(8)} == {float(sent)}

        _sigterm_during_a_slow_registration(base, process)
    lines = [
        json.loads(line)
        for line in (tmp_path / "server.log").read_text().splitlines()
        if line.startswith("{")
    ]
    access = [line for line in lines if line.get("logger") == "conduit.access"]
    assert access and all(len(line["request_id"]) == 32 for line in access)
    assert not any("long enough" in json.dumps(line) for line in lines)


@pytest.mark.skipif(not CONDUIT.exists(), reason="the conduit console script is not installed")
def test_one_worker_drains_writes_every_line_and_exits_0_on_sigterm(
    redis_url: str, cache_prefix: str, tmp_path
) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CONDUIT_", "PROMETHEUS_"))},
        "CONDUIT_DATA_DIR": str(tmp_path),
        "CONDUIT_REDIS_URL": redis_url,  # closing the Redis clients is the slow part of the shutdown
        "CONDUIT_CACHE_PREFIX": cache_prefix,
        "CONDUIT_LOG_FORMAT": "text",
        "CONDUIT_ARGON2_TIME_COST": "40",  # a registration slow enough to be in flight at SIGTERM
    }
    with serving([], env, tmp_path / "server.log") as (base, process):
        _sigterm_during_a_slow_registration(base, process)
    text = (tmp_path / "server.log").read_text()
    assert re.search(r"conduit\.access \[[0-9a-f]{32}\] POST /api/users 201 \d+\.\d\dms", text), text
    assert text.rstrip().splitlines()[-2:] == [
        line for line in text.rstrip().splitlines() if "Application shutdown complete" in line
    ] + [line for line in text.rstrip().splitlines() if "Finished server process" in line]
