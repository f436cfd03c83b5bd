"""The server's ASGI factory, in a process of its own (it tunes that process's garbage collector)."""

import os
import subprocess
import sys
from pathlib import Path

from entrypoints.http.asgi import GC_THRESHOLDS, SWITCH_INTERVAL_SECONDS

PROBE = """
import gc
from entrypoints.http.asgi import app_from_env
app = app_from_env()
print(type(app).__name__, gc.get_threshold(), gc.get_freeze_count() > 0)
"""


def test_each_worker_builds_the_app_and_tunes_its_collector(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONDUIT_")}
    env |= {"CONDUIT_DATA_DIR": str(tmp_path), "CONDUIT_LOG_LEVEL": "WARNING"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split(None, 1) == ["Litestar", f"{GC_THRESHOLDS} True\n"]


def test_each_worker_shortens_the_gil_switch_interval(tmp_path: Path) -> None:
    """So a hashing thread gets its result back without waiting out the default 5 ms."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONDUIT_")}
    env |= {"CONDUIT_DATA_DIR": str(tmp_path), "CONDUIT_LOG_LEVEL": "WARNING"}
    probe = "\n".join(
        [
            "import sys",
            "from entrypoints.http.asgi import app_from_env",
            "app_from_env()",
            "print(sys.getswitchinterval())",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert float(result.stdout) == SWITCH_INTERVAL_SECONDS < 0.005
