"""SQL implementation of the tags port: the first entries of the (articles_count DESC, name) index."""

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.errors import translated_errors
from adapters.persistence.tables import tags
from core.tags.ports import TagQueries


class SqlTagQueries(TagQueries):
    """Tags counts are maintained by the writes (adapters.persistence.maintained); a tag no article
    carries any more keeps its row with a count of 0, and is not listed."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def most_used(self, limit: int) -> list[str]:
        query = (
            sa.select(tags.c.name)
            .where(tags.c.articles_count > 0)
            .order_by(tags.c.articles_count.desc(), tags.c.name)
            .limit(limit)
        )
        async with translated_errors(), self._session_factory() as session:
            return list((await session.execute(query)).scalars())
