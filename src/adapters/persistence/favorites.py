"""SQL implementation of the favorites repository: a favorite counts only when a row really changed."""

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence import maintained
from adapters.persistence.changes import ChangeLog
from adapters.persistence.sql import insert_ignoring_duplicates
from adapters.persistence.tables import favorites
from core.articles.errors import ArticleNotFound
from core.articles.ports import FavoriteRepository


class SqlFavoriteRepository(FavoriteRepository):
    def __init__(self, session: AsyncSession, changes: ChangeLog) -> None:
        self._session, self._changes = session, changes

    async def add(self, user_id: int, slug: str) -> int:
        article = await self._locked(slug)
        values = {
            "user_id": user_id,
            "article_id": article.id,
            "created_at": datetime.now(UTC),
            "article_created_at": article.created_at,
        }
        if await insert_ignoring_duplicates(self._session, favorites, values):
            return await self._changed(user_id, article.id, slug, +1)
        return int(article.favorites_count)

    async def remove(self, user_id: int, slug: str) -> int:
        article = await self._locked(slug)
        removed = await self._session.execute(_REMOVE, {"fan": user_id, "article": article.id})
        if removed.rowcount:  # type: ignore[attr-defined]
            return await self._changed(user_id, article.id, slug, -1)
        return int(article.favorites_count)

    async def _locked(self, slug: str) -> Any:
        article = await maintained.lock_article(self._session, slug)
        if article is None:
            raise ArticleNotFound
        return article

    async def _changed(self, user_id: int, article_id: int, slug: str, delta: int) -> int:
        count = await maintained.favorite_changed(self._session, user_id, article_id, delta)
        self._changes.favorite(slug, user_id)
        return count


_REMOVE = sa.delete(favorites).where(
    favorites.c.user_id == sa.bindparam("fan"), favorites.c.article_id == sa.bindparam("article")
)
