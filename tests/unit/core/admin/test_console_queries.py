"""The operators' read models: who may read them, what the use cases add to the port's answers."""

from datetime import UTC, date, datetime

import pytest

from core.admin import GetDailyActivity, GetUserActivity, SearchArticles
from core.admin.ports import ArticleSearch, ContentQueries
from core.admin.views import ArticleRow, DailyActivity, UserActivity
from core.shared.actor import Actor, Role
from core.shared.errors import InvalidInput, NotFound, PermissionDenied
from core.shared.pagination import PageRequest, Slice
from tests.fakes.clock import FixedClock

MODERATOR = Actor(user_id=2, name="mod", role=Role.MODERATOR)
PLAIN = Actor(user_id=3, name="joe")


class RecordingContentQueries(ContentQueries):
    """Answers fixed data and remembers what it was asked."""

    def __init__(self) -> None:
        self.searches: list[ArticleSearch] = []
        self.since: date | None = None

    async def search_articles(self, search: ArticleSearch, page: PageRequest) -> Slice[ArticleRow]:
        self.searches.append(search)
        return Slice([], False)

    async def user_activity(self, canonical_username: str, recent: int) -> UserActivity | None:
        if canonical_username != "jake":
            return None
        return UserActivity(
            articles=1, comments=0, favorites=0, followers=0, recent_articles=[], recent_comments=[]
        )

    async def daily_activity(self, since: date) -> list[DailyActivity]:
        self.since = since
        return [DailyActivity(day=date(2026, 11, 28), signups=3, articles=5)]


async def test_daily_activity_covers_every_day_with_quiet_days_as_zeros() -> None:
    queries = RecordingContentQueries()
    clock = FixedClock(datetime(2026, 11, 29, 12, tzinfo=UTC))
    days = await GetDailyActivity(queries=queries, clock=clock).execute(MODERATOR, days=3)
    assert queries.since == date(2026, 11, 27)
    assert [(d.day.day, d.signups, d.articles) for d in days] == [(27, 0, 0), (28, 3, 5), (29, 0, 0)]
    with pytest.raises(InvalidInput):
        await GetDailyActivity(queries=queries, clock=clock).execute(MODERATOR, days=0)


async def test_search_normalises_blank_filters_and_author_case() -> None:
    queries = RecordingContentQueries()
    await SearchArticles(queries=queries).execute(
        MODERATOR, ArticleSearch(title="  ", author=" Jake "), PageRequest()
    )
    assert queries.searches == [ArticleSearch(title=None, author="jake", tag=None)]


async def test_a_title_part_needs_three_characters() -> None:
    queries = RecordingContentQueries()
    with pytest.raises(InvalidInput, match="at least 3"):
        await SearchArticles(queries=queries).execute(MODERATOR, ArticleSearch(title=" ab "), PageRequest())
    await SearchArticles(queries=queries).execute(MODERATOR, ArticleSearch(title=" abc "), PageRequest())
    assert queries.searches == [ArticleSearch(title="abc")]


async def test_user_activity_of_an_unknown_account_is_not_found() -> None:
    use_case = GetUserActivity(queries=RecordingContentQueries())
    assert (await use_case.execute(MODERATOR, "JAKE")).articles == 1
    with pytest.raises(NotFound):
        await use_case.execute(MODERATOR, "nobody")


async def test_plain_users_may_not_read_operators_views() -> None:
    queries = RecordingContentQueries()
    with pytest.raises(PermissionDenied):
        await SearchArticles(queries=queries).execute(PLAIN, ArticleSearch(), PageRequest())
    with pytest.raises(PermissionDenied):
        await GetUserActivity(queries=queries).execute(PLAIN, "jake")
    assert queries.searches == []
