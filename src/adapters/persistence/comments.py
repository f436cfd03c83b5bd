"""SQL implementations of the comments ports."""

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.errors import translated_errors
from adapters.persistence.sql import author_returned, profile_columns, profile_of
from adapters.persistence.tables import articles, comments, users
from core.comments.domain import Comment, NewComment
from core.comments.ports import ArticleLookup, CommentQueries, CommentRepository
from core.comments.views import CommentView


class SqlCommentRepository(CommentRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, new_comment: NewComment) -> CommentView:
        values = {
            "article_id": new_comment.article_id,
            "author_id": new_comment.author_id,
            "body": new_comment.body.value,
            "created_at": new_comment.created_at,
            "updated_at": new_comment.created_at,
        }
        row = (await self._session.execute(_INSERT, values)).one()
        return _view(row)

    async def get(self, comment_id: int) -> Comment | None:
        row = (
            await self._session.execute(sa.select(comments).where(comments.c.id == comment_id))
        ).one_or_none()
        return Comment(**row._mapping) if row else None

    async def delete(self, comment_id: int) -> bool:
        result = await self._session.execute(sa.delete(comments).where(comments.c.id == comment_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]


class SqlArticleLookup(ArticleLookup):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def article_id(self, slug: str) -> int | None:
        async with translated_errors(), self._session_factory() as session:
            return (await session.execute(_ARTICLE_ID, {"slug": slug})).scalar_one_or_none()


class SqlCommentQueries(CommentQueries):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def for_article(self, article_id: int) -> list[CommentView]:
        query = (
            _select_comments()
            .where(comments.c.article_id == article_id)
            .order_by(comments.c.created_at.desc(), comments.c.id.desc())
        )
        async with translated_errors(), self._session_factory() as session:
            return [_view(row) for row in await session.execute(query)]

    async def get(self, comment_id: int) -> CommentView | None:
        async with translated_errors(), self._session_factory() as session:
            row = (await session.execute(_COMMENT, {"id": comment_id})).one_or_none()
        return _view(row) if row else None


def _select_comments() -> sa.Select[Any]:
    columns = [
        comments.c.id,
        comments.c.body,
        comments.c.created_at,
        comments.c.updated_at,
        *profile_columns(),
    ]
    return sa.select(*columns).join(users, users.c.id == comments.c.author_id)


def _view(row: Any) -> CommentView:
    return CommentView(
        id=row.id, created_at=row.created_at, updated_at=row.updated_at, body=row.body, author=profile_of(row)
    )


# Built once: reused with parameters, they skip SQLAlchemy's per-call construction and cache key.
_INSERT = sa.insert(comments).returning(
    comments.c.id, comments.c.body, comments.c.created_at, comments.c.updated_at, *author_returned(comments)
)
_ARTICLE_ID = sa.select(articles.c.id).where(articles.c.slug == sa.bindparam("slug", type_=sa.String))
_COMMENT = _select_comments().where(comments.c.id == sa.bindparam("id", type_=sa.Integer))
