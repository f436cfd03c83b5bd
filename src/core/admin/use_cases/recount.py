"""Operators recompute the maintained counts from the base rows, and see what had drifted."""

from contextlib import suppress

from core.admin.ports import CacheControl, CountsRepair
from core.admin.views import RecountReport
from core.shared.errors import Unavailable


class RecountCounts:
    def __init__(self, *, counts: CountsRepair, cache: CacheControl) -> None:
        self._counts = counts
        self._cache = cache

    async def execute(self, *, fix: bool = True) -> RecountReport:
        report = await self._counts.recount(fix=fix)
        if fix and report.total:
            # Cached answers carry the wrong counts: drop them all (a rare, operator-run repair).
            # If the cache is down, its entries expire on their own; the repair itself is committed.
            with suppress(Unavailable):
                await self._cache.clear()
        return report
