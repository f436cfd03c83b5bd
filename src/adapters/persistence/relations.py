"""SQL implementation of the viewer-relations port: one indexed query per question."""

from collections.abc import Collection
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.errors import translated_errors
from adapters.persistence.tables import articles, favorites, follows, users
from core.shared.relations import ViewerRelations


class SqlViewerRelations(ViewerRelations):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def favorited(self, viewer_id: int, slugs: Collection[str]) -> set[str]:
        query = (
            sa.select(articles.c.slug)
            .join(favorites, favorites.c.article_id == articles.c.id)
            .where(favorites.c.user_id == viewer_id, articles.c.slug.in_(list(slugs)))
        )
        return await self._strings(query) if slugs else set()

    async def followed(self, viewer_id: int, canonical_usernames: Collection[str]) -> set[str]:
        query = (
            sa.select(users.c.username_canonical)
            .join(follows, follows.c.followee_id == users.c.id)
            .where(
                follows.c.follower_id == viewer_id,
                users.c.username_canonical.in_(list(canonical_usernames)),
            )
        )
        return await self._strings(query) if canonical_usernames else set()

    async def _strings(self, query: sa.Select[Any]) -> set[str]:
        async with translated_errors(), self._session_factory() as session:
            return set((await session.execute(query)).scalars())
