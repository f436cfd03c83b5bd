"""The scenarios (named as in lua/conduit.lua), their targets, and the verdict on a measurement."""

from dataclasses import dataclass
from typing import Literal

from bench.wrk import LoadResult

MAX_READ_P99_MS = 100.0


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    label: str
    kind: Literal["read", "login", "mixed"]
    probe: str = ""  # a representative GET ({slug}, {tag} filled in): its body sizes the ceiling
    auth: bool = False
    min_ratio: float | None = None  # of the ceiling (reads) or of the argon2 rate (login)


SCENARIOS = (
    Scenario("anonymous_list", "anonymous list", "read", "/api/articles?limit=20&offset=0", min_ratio=0.60),
    Scenario(
        "authenticated_list", "authenticated list", "read", "/api/articles?limit=20&offset=0", True, 0.30
    ),
    Scenario("feed", "feed", "read", "/api/articles/feed?limit=20&offset=0", True, 0.15),
    Scenario("article", "article by slug", "read", "/api/articles/{slug}", min_ratio=0.60),
    Scenario("tag_filter", "tag filter", "read", "/api/articles?tag={tag}&limit=20&offset=0"),
    Scenario("tags", "tags", "read", "/api/tags", min_ratio=0.70),
    Scenario("login", "login", "login", min_ratio=0.80),
    Scenario("mixed", "mixed read/write", "mixed"),
)
READS = tuple(s for s in SCENARIOS if s.kind == "read")


@dataclass(frozen=True, slots=True)
class Verdict:
    ratio: float | None  # None: no ceiling to compare with
    target: str
    failures: tuple[str, ...]

    @property
    def text(self) -> str:
        return "pass" if not self.failures else "FAIL: " + "; ".join(self.failures)


def judge(scenario: Scenario, result: LoadResult, ceiling_rps: float | None) -> Verdict:
    """Compare one measurement with its targets; `ceiling_rps` is the ceiling or the argon2 rate."""
    ratio = result.rps / ceiling_rps if ceiling_rps else None
    targets, failures = [], []
    if scenario.min_ratio is not None:
        of = "argon2" if scenario.kind == "login" else "ceiling"
        targets.append(f">= {scenario.min_ratio:.0%} of {of}")
        if ratio is None:
            failures.append(f"no {of} measured")
        elif ratio < scenario.min_ratio:
            failures.append(f"{ratio:.0%} < {scenario.min_ratio:.0%}")
    if scenario.kind == "read":
        targets.append(f"p99 <= {MAX_READ_P99_MS:.0f} ms")
        if result.p99_ms > MAX_READ_P99_MS:
            failures.append(f"p99 {result.p99_ms:.0f} ms")
    targets.append("0 errors")
    if result.errors:
        failures.append(f"{result.errors} errors")
    if not result.requests:
        failures.append("no requests completed")
    return Verdict(ratio, ", ".join(targets), tuple(failures))
