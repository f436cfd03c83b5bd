"""Dashboard figures kept for a few seconds in the process: the dashboard shows them on every view, and
counting whole tables (or two weeks of a big site's sign-ups and articles) costs far more than a page
may (issue #12: 50 ms per page on a million articles). They are figures to glance at, not to act on."""

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from datetime import date
from typing import Generic, TypeVar

from core.admin.ports import ArticleSearch, ContentQueries, StatsQueries
from core.admin.views import ArticleRow, DailyActivity, Stats, UserActivity
from core.shared.pagination import PageRequest, Slice

V = TypeVar("V")


class _Kept(Generic[V]):
    """The value for the latest key, reused for `ttl` seconds; computed by one caller at a time.

    Past `ttl` the kept value is still answered at once while one refresh runs in the background, so
    only the first view (per process and key) waits for the count: at a million articles a whole-table
    count takes longer than a page may.
    """

    def __init__(self, ttl: float, now: Callable[[], float]) -> None:
        self._ttl, self._now = ttl, now
        self._key: Hashable = object()
        self._value: V | None = None
        self._expires = 0.0
        self._lock = asyncio.Lock()
        self._refresh: asyncio.Task[None] | None = None

    async def get(self, key: Hashable, load: Callable[[], Awaitable[V]]) -> V:
        if self._value is not None and key == self._key:
            if self._now() >= self._expires and self._refresh is None:
                self._refresh = asyncio.ensure_future(self._refreshed(key, load))
            return self._value
        async with self._lock:
            if self._value is None or key != self._key:
                await self._load(key, load)
            assert self._value is not None  # noqa: S101 (just loaded)
            return self._value

    async def _load(self, key: Hashable, load: Callable[[], Awaitable[V]]) -> None:
        self._value, self._key = await load(), key
        self._expires = self._now() + self._ttl

    async def _refreshed(self, key: Hashable, load: Callable[[], Awaitable[V]]) -> None:
        try:
            async with self._lock:
                await self._load(key, load)
        except Exception:  # noqa: S110 (the kept figures stay; the next view tries again)
            pass
        finally:
            self._refresh = None


class ShortLivedStats(StatsQueries):
    def __init__(self, inner: StatsQueries, *, ttl: float, now: Callable[[], float] = time.monotonic) -> None:
        self._inner, self._kept = inner, _Kept[Stats](ttl, now)

    async def stats(self) -> Stats:
        return await self._kept.get(None, self._inner.stats)


class ShortLivedActivity(ContentQueries):
    """Keeps the daily series; searches and one account's activity are read fresh (they are indexed)."""

    def __init__(
        self, inner: ContentQueries, *, ttl: float, now: Callable[[], float] = time.monotonic
    ) -> None:
        self._inner, self._kept = inner, _Kept[list[DailyActivity]](ttl, now)

    async def search_articles(self, search: ArticleSearch, page: PageRequest) -> Slice[ArticleRow]:
        return await self._inner.search_articles(search, page)

    async def user_activity(self, canonical_username: str, recent: int) -> UserActivity | None:
        return await self._inner.user_activity(canonical_username, recent)

    async def daily_activity(self, since: date) -> list[DailyActivity]:
        return await self._kept.get(since, lambda: self._inner.daily_activity(since))
