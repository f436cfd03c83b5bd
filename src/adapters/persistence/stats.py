"""SQL implementation of the site statistics."""

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.errors import translated_errors
from adapters.persistence.tables import comments, counters, favorites, follows, tags, users
from core.admin.ports import StatsQueries
from core.admin.views import Stats


class SqlStatsQueries(StatsQueries):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def stats(self) -> Stats:
        def count(table: sa.Table) -> sa.ScalarSelect[int]:
            return sa.select(sa.func.count()).select_from(table).scalar_subquery()

        # Maintained counts where there are some (exact, and cheap at any size); whole-table counts for
        # the rest, which the caller keeps for a while (adapters.cache.stats).
        total = sa.select(counters.c.value).where(counters.c.name == "articles").scalar_subquery()
        tags_in_use = sa.select(sa.func.count()).where(tags.c.articles_count > 0).scalar_subquery()
        query = sa.select(
            count(users).label("users"),
            sa.func.coalesce(total, 0).label("articles"),
            count(comments).label("comments"),
            count(favorites).label("favorites"),
            count(follows).label("follows"),
            tags_in_use.label("tags"),
        )
        async with translated_errors(), self._session_factory() as session:
            row = (await session.execute(query)).one()
        return Stats(**row._mapping)
