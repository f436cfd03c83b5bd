"""SQL implementation of the site statistics."""

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.errors import translated_errors
from adapters.persistence.tables import article_tags, articles, comments, favorites, follows, users
from core.admin.ports import StatsQueries
from core.admin.views import Stats


class SqlStatsQueries(StatsQueries):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def stats(self) -> Stats:
        def count(table: sa.Table) -> sa.ScalarSelect[int]:
            return sa.select(sa.func.count()).select_from(table).scalar_subquery()

        tags = sa.select(sa.func.count(sa.distinct(article_tags.c.tag))).scalar_subquery()
        query = sa.select(
            count(users).label("users"),
            count(articles).label("articles"),
            count(comments).label("comments"),
            count(favorites).label("favorites"),
            count(follows).label("follows"),
            tags.label("tags"),
        )
        async with translated_errors(), self._session_factory() as session:
            row = (await session.execute(query)).one()
        return Stats(**row._mapping)
