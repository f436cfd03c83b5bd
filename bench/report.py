"""The result tables (Markdown, readable in a terminal too) and the run's header."""

import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from bench.scenarios import READS, SCENARIOS, judge
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
    ceilings: dict[str, float],
    argon2_rate: float | None,
) -> str:
    lines = [
        f"#### {title}",
        "",
        "| scenario | req/s | p50 ms | p99 ms | errors | % of ceiling | target | pass/fail |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for scenario in SCENARIOS:
        result = results.get(scenario.name)
        if result is None:
            continue
        ceiling = argon2_rate if scenario.kind == "login" else ceilings.get(scenario.name)
        verdict = judge(scenario, result, ceiling)
        shown = "-" if verdict.ratio is None else f"{verdict.ratio:.0%}"
        if scenario.kind == "login" and verdict.ratio is not None:
            shown += " (argon2)"
        lines.append(
            f"| {scenario.label} | {result.rps:,.0f} | {result.p50_ms:.1f} | {result.p99_ms:.1f} | "
            f"{result.errors} | {shown} | {verdict.target} | {verdict.text} |"
        )
    return "\n".join(lines)


def ceiling_table(results: dict[str, LoadResult], sizes: dict[str, int], argon2_rate: float | None) -> str:
    lines = [
        "#### Ceilings",
        "",
        "| ceiling for | body bytes | req/s | p50 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for scenario in READS:
        result = results.get(scenario.name)
        if result is not None:
            lines.append(
                f"| {scenario.label} | {sizes.get(scenario.name, 0):,} | {result.rps:,.0f} | "
                f"{result.p50_ms:.1f} | {result.p99_ms:.1f} | {result.errors} |"
            )
    if argon2_rate is not None:
        lines.append(f"| login (argon2 verify, no HTTP) | - | {argon2_rate:,.1f} | - | - | - |")
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
