"""SQL implementation of the operators' content read models (admin console, CLI).

Every query walks an index and stops early: pages fetch `limit + 1` rows ordered by an indexed
column, per-account counts use the author/user indexes, and the daily series reads only the
requested days through the creation-time indexes.
"""

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.errors import translated_errors
from adapters.persistence.tables import article_tags, articles, comments, favorites, follows, users
from core.admin.ports import ArticleSearch, ContentQueries
from core.admin.views import ArticleRow, CommentRow, DailyActivity, UserActivity
from core.shared.pagination import PageRequest, Slice

_ROW = (articles.c.id, articles.c.slug, articles.c.title, articles.c.created_at, users.c.username)


class SqlContentQueries(ContentQueries):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def search_articles(self, search: ArticleSearch, page: PageRequest) -> Slice[ArticleRow]:
        query = sa.select(*_ROW).join(users, users.c.id == articles.c.author_id)
        if search.author:
            query = query.where(users.c.username_canonical == search.author)
        if search.tag:
            tagged = sa.select(article_tags.c.article_id).where(article_tags.c.tag == search.tag)
            query = query.where(articles.c.id.in_(tagged))
        if search.title:
            # A substring cannot use a b-tree index: PostgreSQL answers from a trigram index (migration
            # b81e4d2c9f07); elsewhere newest-first order lets the scan stop at limit + 1.
            query = query.where(
                sa.func.lower(articles.c.title).contains(search.title.lower(), autoescape=True)
            )
        query = (
            query.order_by(articles.c.created_at.desc(), articles.c.id.desc())
            .limit(page.probe)
            .offset(page.offset)
        )
        async with translated_errors(), self._session_factory() as session:
            rows = (await session.execute(query)).all()
            found = await _with_tags(session, rows)
        return Slice.of(found, page)

    async def user_activity(self, canonical_username: str, recent: int) -> UserActivity | None:
        async with translated_errors(), self._session_factory() as session:
            user_id = (
                await session.execute(
                    sa.select(users.c.id).where(users.c.username_canonical == canonical_username)
                )
            ).scalar_one_or_none()
            if user_id is None:
                return None

            def count(table: sa.Table, column: sa.Column[int]) -> sa.ScalarSelect[int]:
                return (
                    sa.select(sa.func.count()).select_from(table).where(column == user_id).scalar_subquery()
                )

            counts = (
                await session.execute(
                    sa.select(
                        count(articles, articles.c.author_id).label("articles"),
                        count(comments, comments.c.author_id).label("comments"),
                        count(favorites, favorites.c.user_id).label("favorites"),
                        count(follows, follows.c.followee_id).label("followers"),
                    )
                )
            ).one()
            article_rows = (
                await session.execute(
                    sa.select(*_ROW)
                    .join(users, users.c.id == articles.c.author_id)
                    .where(articles.c.author_id == user_id)
                    .order_by(articles.c.created_at.desc(), articles.c.id.desc())
                    .limit(recent)
                )
            ).all()
            comment_rows = (
                await session.execute(
                    sa.select(comments.c.id, comments.c.body, comments.c.created_at, articles.c.slug)
                    .join(articles, articles.c.id == comments.c.article_id)
                    .where(comments.c.author_id == user_id)
                    .order_by(comments.c.id.desc())  # ids grow with time, and the author index holds them
                    .limit(recent)
                )
            ).all()
            recent_articles = await _with_tags(session, article_rows)
        return UserActivity(
            **counts._mapping,
            recent_articles=recent_articles,
            recent_comments=[
                CommentRow(id=r.id, article_slug=r.slug, body=r.body, created_at=r.created_at)
                for r in comment_rows
            ],
        )

    async def daily_activity(self, since: date) -> list[DailyActivity]:
        start = datetime(since.year, since.month, since.day, tzinfo=UTC)
        async with translated_errors(), self._session_factory() as session:
            day = _utc_day(session)
            per_day: dict[str, dict[str, int]] = defaultdict(lambda: {"signups": 0, "articles": 0})
            for name, table in (("signups", users), ("articles", articles)):
                bucket = day(table.c.created_at)
                rows = await session.execute(
                    sa.select(bucket.label("day"), sa.func.count().label("n"))
                    .where(table.c.created_at >= start)
                    .group_by(bucket)
                )
                for row in rows:
                    per_day[str(row.day)[:10]][name] = row.n
        return [DailyActivity(day=date.fromisoformat(d), **counts) for d, counts in sorted(per_day.items())]


def _utc_day(session: AsyncSession) -> Any:
    """The UTC calendar day of a timestamp column, as the database can compute it."""
    if session.get_bind().dialect.name == "postgresql":
        return lambda column: sa.func.date(sa.func.timezone("UTC", column))
    return lambda column: sa.func.date(column)  # SQLite stores UTC text: its first ten characters


async def _with_tags(session: AsyncSession, rows: list[Any]) -> list[ArticleRow]:
    tags: dict[int, list[str]] = defaultdict(list)
    if rows:
        query = (
            sa.select(article_tags.c.article_id, article_tags.c.tag)
            .where(article_tags.c.article_id.in_([r.id for r in rows]))
            .order_by(article_tags.c.tag)
        )
        for article_id, tag in (await session.execute(query)).all():
            tags[article_id].append(tag)
    return [
        ArticleRow(slug=r.slug, title=r.title, author=r.username, tags=tags[r.id], created_at=r.created_at)
        for r in rows
    ]
