"""SQL implementation of the favorites repository: a favorite counts only when a row really changed."""

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
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
        if self._session.bind.dialect.name == "postgresql":
            return await self._in_one_statement(_ADD, user_id, slug)
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
        if self._session.bind.dialect.name == "postgresql":
            return await self._in_one_statement(_REMOVE_ONE, user_id, slug)
        article = await self._locked(slug)
        removed = await self._session.execute(_REMOVE, {"fan": user_id, "article": article.id})
        if removed.rowcount:  # type: ignore[attr-defined]
            return await self._changed(user_id, article.id, slug, -1)
        return int(article.favorites_count)

    async def _in_one_statement(self, statement: sa.Select[Any], user_id: int, slug: str) -> int:
        """PostgreSQL: the lock, the row and both counts in one round trip (see maintained.favorite)."""
        parameters = {"article_slug": slug, "fan": user_id, "now": datetime.now(UTC)}
        row = (await self._session.execute(statement, parameters)).one_or_none()
        if row is None:
            raise ArticleNotFound
        if row.changed:
            self._changes.favorite(slug, user_id)
        return int(row.count)

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
_ADD = maintained.favorite(
    postgresql.insert(favorites)
    .from_select(
        ["user_id", "article_id", "created_at", "article_created_at"],
        sa.select(
            sa.bindparam("fan", type_=sa.Integer),
            maintained.LOCKED.c.id,
            sa.bindparam("now", type_=favorites.c.created_at.type),
            maintained.LOCKED.c.created_at,
        ),
    )
    .on_conflict_do_nothing()
    .returning(favorites.c.article_id),
    +1,
)
_REMOVE_ONE = maintained.favorite(
    sa.delete(favorites)
    .where(
        favorites.c.user_id == sa.bindparam("fan"),
        favorites.c.article_id.in_(sa.select(maintained.LOCKED.c.id)),
    )
    .returning(favorites.c.article_id),
    -1,
)
