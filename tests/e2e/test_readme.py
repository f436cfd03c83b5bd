"""Every `sh` and `python` block of the README runs as written, in order, on a fresh embedded database.

The shell blocks run with bash against a fresh `conduit serve` (on a free port instead of 8000), from a
fresh folder that sees the checkout's `.venv` and `examples/`; the Python blocks run as files there.
A block preceded by `<!-- not run: why -->` is skipped (see README, "Tests").
"""

import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.e2e.test_serve import CONDUIT, serving

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
NOT_RUN = re.compile(r"^<!-- not run: \S.* -->$")


@dataclass(frozen=True)
class Block:
    language: str
    code: str
    line: int  # of the opening fence, for messages
    run: bool


def readme_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        fence = re.match(r"^```(\w*)$", lines[index])
        if fence is None:
            index += 1
            continue
        end = lines.index("```", index + 1)
        previous = next((line for line in reversed(lines[:index]) if line.strip()), "")
        code = "\n".join(lines[index + 1 : end]) + "\n"
        runnable = fence[1] in ("sh", "python") and not NOT_RUN.match(previous)
        blocks.append(Block(fence[1], code, index + 1, runnable))
        index = end + 1
    return blocks


def test_the_convention_is_kept() -> None:
    blocks = readme_blocks(README.read_text(encoding="utf-8"))
    assert sum(block.run for block in blocks) >= 4
    assert all(block.language in ("", "sh", "python") for block in blocks)
    assert "<!-- not run:" in README.read_text(encoding="utf-8").split("## Tests", 1)[1]  # documented


@pytest.fixture
def folder(tmp_path) -> Path:
    """A fresh working folder: the checkout's virtual environment and examples, nothing else."""
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    return tmp_path


@pytest.mark.skipif(not CONDUIT.exists(), reason="the conduit console script is not installed")
def test_readme_blocks_run_as_written(folder: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONDUIT_", "PROMETHEUS_"))}
    env["CONDUIT_ARGON2_MEMORY_KIB"] = "8"  # cheap hashing; everything else as a newcomer has it
    with serving([], env, folder / "server.log", cwd=folder) as (base, server):
        port = int(base.rsplit(":", 1)[1])
        for number, block in enumerate(readme_blocks(README.read_text(encoding="utf-8"))):
            if block.run:
                _run(block, number, folder, env, port)
        article = httpx.get(f"{base}/api/articles/welcome-to-conduit")
        assert article.status_code == 200 and article.json()["article"]["author"]["username"] == "jake"
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
    assert len((folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    assert (folder / "blog.db").exists() and (folder / "notes.db").exists() and (folder / "demo.db").exists()


def _run(block: Block, number: int, folder: Path, env: dict[str, str], port: int) -> None:
    if block.language == "sh":
        code = block.code.replace("localhost:8000", f"localhost:{port}")
        command = ["bash", "-euo", "pipefail", "-c", code]
    else:
        script = folder / f"readme_block_{number}.py"
        script.write_text(block.code, encoding="utf-8")
        command = [str(folder / ".venv" / "bin" / "python"), script.name]
    result = subprocess.run(
        command, cwd=folder, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    where = f"README.md line {block.line}:\n{block.code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert result.returncode == 0, where
    assert '"errors"' not in result.stdout and "Traceback" not in result.stderr, where
