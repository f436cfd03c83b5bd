"""The dependency rule holds, and our top-level package names resolve to src/, not to PyPI namesakes."""

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("package", ["core", "adapters", "entrypoints"])
def test_packages_resolve_to_src(package: str) -> None:
    module = importlib.import_module(package)
    assert Path(module.__file__).resolve().is_relative_to(ROOT / "src")


def test_import_contracts_hold() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which(
        "lint-imports"
    )
    assert lint_imports, "import-linter is not installed"
    result = subprocess.run(
        [lint_imports, "--config", "importlinter.ini", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def test_core_uses_only_the_standard_library() -> None:
    stdlib = sys.stdlib_module_names
    offenders = []
    for path in (ROOT / "src" / "core").rglob("*.py"):
        for line in path.read_text().splitlines():
            words = line.split()
            if len(words) >= 2 and words[0] in ("import", "from"):
                top = words[1].split(".")[0]
                if top not in stdlib and top != "core":
                    offenders.append(f"{path.relative_to(ROOT)}: {line.strip()}")
    assert offenders == []
