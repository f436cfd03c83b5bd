"""SQL implementation of the tags port."""

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.errors import translated_errors
from adapters.persistence.tables import article_tags
from core.tags.ports import TagQueries


class SqlTagQueries(TagQueries):
    """Tags live only on articles, so a tag no article carries any more is gone by construction."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def tags_in_use(self) -> list[str]:
        uses = sa.func.count().label("uses")
        query = (
            sa.select(article_tags.c.tag, uses)
            .group_by(article_tags.c.tag)
            .order_by(uses.desc(), article_tags.c.tag)
        )
        async with translated_errors(), self._session_factory() as session:
            return list((await session.execute(query)).scalars())
