"""Site statistics kept for a few seconds: the dashboard shows them on every view, and counting whole
tables of a million rows costs far more than a page may (issue #12: 50 ms per page)."""

import asyncio
import time

from core.admin.ports import StatsQueries
from core.admin.views import Stats


class ShortLivedStats(StatsQueries):
    """The inner counts, reused for `ttl` seconds in this process; one count at a time."""

    def __init__(self, inner: StatsQueries, *, ttl: float) -> None:
        self._inner, self._ttl = inner, ttl
        self._value: Stats | None = None
        self._expires = 0.0
        self._lock = asyncio.Lock()

    async def stats(self) -> Stats:
        async with self._lock:
            if self._value is None or time.monotonic() >= self._expires:
                self._value = await self._inner.stats()
                self._expires = time.monotonic() + self._ttl
            return self._value
