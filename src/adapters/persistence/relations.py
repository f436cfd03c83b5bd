"""SQL implementation of the viewer-relations port: one indexed query for both questions, or a
viewer's whole sets in two."""

from collections.abc import Collection
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.errors import translated_errors
from adapters.persistence.tables import articles, favorites, follows, users
from core.shared.relations import Flags, ViewerRelations

_FAVORITED, _FOLLOWED = "f", "u"  # which question a row of the combined query answers


class SqlViewerRelations(ViewerRelations):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def flags(
        self, viewer_id: int, slugs: Collection[str], canonical_usernames: Collection[str]
    ) -> Flags:
        parts: list[sa.Select[Any]] = []
        if slugs:
            parts.append(
                sa.select(sa.literal(_FAVORITED).label("kind"), articles.c.slug.label("name"))
                .join(favorites, favorites.c.article_id == articles.c.id)
                .where(favorites.c.user_id == viewer_id, articles.c.slug.in_(list(slugs)))
            )
        if canonical_usernames:
            parts.append(
                sa.select(sa.literal(_FOLLOWED).label("kind"), users.c.username_canonical.label("name"))
                .join(follows, follows.c.followee_id == users.c.id)
                .where(
                    follows.c.follower_id == viewer_id,
                    users.c.username_canonical.in_(list(canonical_usernames)),
                )
            )
        if not parts:
            return Flags()
        query = parts[0] if len(parts) == 1 else sa.union_all(*parts)
        async with translated_errors(), self._session_factory() as session:
            rows = (await session.execute(query)).all()
        return Flags(
            favorited={row.name for row in rows if row.kind == _FAVORITED},
            followed={row.name for row in rows if row.kind == _FOLLOWED},
        )

    async def all_flags(self, viewer_id: int, at_most: int) -> Flags | None:
        """One statement: each part stops one row past the bound (that is how "too many" shows)."""
        favorited = (
            sa.select(sa.literal(_FAVORITED).label("kind"), articles.c.slug.label("name"))
            .join(favorites, favorites.c.article_id == articles.c.id)
            .where(favorites.c.user_id == viewer_id)
            .limit(at_most + 1)
            .subquery()
        )
        followed = (
            sa.select(sa.literal(_FOLLOWED).label("kind"), users.c.username_canonical.label("name"))
            .join(follows, follows.c.followee_id == users.c.id)
            .where(follows.c.follower_id == viewer_id)
            .limit(at_most + 1)
            .subquery()
        )
        query = sa.union_all(sa.select(favorited), sa.select(followed))
        async with translated_errors(), self._session_factory() as session:
            rows = (await session.execute(query)).all()
        slugs = {row.name for row in rows if row.kind == _FAVORITED}
        names = {row.name for row in rows if row.kind == _FOLLOWED}
        return None if max(len(slugs), len(names)) > at_most else Flags(favorited=slugs, followed=names)
