"""The result tables (Markdown, readable in a terminal too) and the run's header."""

import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from bench.scenarios import SCENARIOS, judge
from bench.wrk import LoadResult


def header(root: Path, command: str) -> str:
    return "\n".join(
        [
            f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            f"- machine: {os.cpu_count()} cores (nproc), {_cpu_model()}, {platform.system()} "
            f"{platform.release()}, load average at start {os.getloadavg()[0]:.2f}",
            f"- commit: {_commit(root)}",
            f"- command: `{command}`",
        ]
    )


def config_table(
    title: str,
    results: dict[str, LoadResult],
    ceilings: dict[str, LoadResult],
    argon2_rate: float | None,
) -> str:
    """One configuration; each ratio is to the ceiling measured right before the scenario."""
    lines = [
        f"#### {title}",
        "",
        "| scenario | req/s | p50 ms | p99 ms | errors | ceiling req/s | % of ceiling | target | pass/fail |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for scenario in SCENARIOS:
        result = results.get(scenario.name)
        if result is None:
            continue
        ceiling = ceilings.get(scenario.name)
        ceiling_rps = argon2_rate if scenario.kind == "login" else (ceiling.rps if ceiling else None)
        verdict = judge(scenario, result, ceiling_rps)
        ratio = "-" if verdict.ratio is None else f"{verdict.ratio:.0%}"
        shown = "-" if ceiling_rps is None else f"{ceiling_rps:,.0f}"
        if scenario.kind == "login" and ceiling_rps is not None:
            shown = f"{ceiling_rps:,.1f} (argon2)"
        lines.append(
            f"| {scenario.label} | {result.rps:,.0f} | {result.p50_ms:.1f} | {result.p99_ms:.1f} | "
            f"{result.errors} | {shown} | {ratio} | {verdict.target} | {verdict.text} |"
        )
    return "\n".join(lines)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _commit(root: Path) -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" (with uncommitted changes)" if git("status", "--porcelain") else "")
