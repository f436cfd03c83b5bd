"""Dashboard figures are reused for a few seconds, then read again; searches are never kept."""

import asyncio
from datetime import date

from adapters.cache.stats import ShortLivedActivity, ShortLivedStats
from core.admin.ports import ArticleSearch, ContentQueries, StatsQueries
from core.admin.views import ArticleRow, DailyActivity, Stats, UserActivity
from core.shared.pagination import PageRequest, Slice


class Counting(StatsQueries, ContentQueries):
    def __init__(self) -> None:
        self.calls = 0

    async def stats(self) -> Stats:
        self.calls += 1
        return Stats(users=self.calls, articles=0, comments=0, favorites=0, follows=0, tags=0)

    async def daily_activity(self, since: date) -> list[DailyActivity]:
        self.calls += 1
        return [DailyActivity(day=since, signups=self.calls, articles=0)]

    async def search_articles(self, search: ArticleSearch, page: PageRequest) -> Slice[ArticleRow]:
        self.calls += 1
        return Slice([], False)

    async def user_activity(self, canonical_username: str, recent: int) -> UserActivity | None:
        self.calls += 1
        return None


async def test_counts_are_reused_then_refreshed_behind_the_answer() -> None:
    now = [100.0]
    inner = Counting()
    kept = ShortLivedStats(inner, ttl=30, now=lambda: now[0])
    assert (await kept.stats()).users == 1
    now[0] += 29
    assert (await kept.stats()).users == 1
    now[0] += 1
    assert (await kept.stats()).users == 1  # the kept figures at once; a refresh starts behind them
    assert (await kept.stats()).users == 1 and inner.calls <= 2  # one refresh, however many views
    await asyncio.sleep(0)
    assert (await kept.stats()).users == 2
    assert inner.calls == 2


async def test_a_failed_refresh_keeps_the_figures_and_tries_again() -> None:
    now = [100.0]
    inner = Counting()
    kept = ShortLivedStats(inner, ttl=30, now=lambda: now[0])
    await kept.stats()
    now[0] += 31
    failing = inner.stats

    async def broken() -> Stats:
        raise OSError("database gone")

    inner.stats = broken  # type: ignore[method-assign]
    assert (await kept.stats()).users == 1
    await asyncio.sleep(0)
    inner.stats = failing  # type: ignore[method-assign]
    assert (await kept.stats()).users == 1
    await asyncio.sleep(0)
    assert (await kept.stats()).users == 2


async def test_the_daily_series_is_kept_per_start_day_and_searches_are_fresh() -> None:
    inner = Counting()
    kept = ShortLivedActivity(inner, ttl=30, now=lambda: 100.0)
    first = await kept.daily_activity(date(2026, 11, 1))
    assert await kept.daily_activity(date(2026, 11, 1)) == first
    assert (await kept.daily_activity(date(2026, 11, 2)))[0].signups == 2  # a new day: read again
    await kept.search_articles(ArticleSearch(), PageRequest())
    await kept.search_articles(ArticleSearch(), PageRequest())
    assert inner.calls == 4
