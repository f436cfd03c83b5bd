"""Recount: every maintained count (and denormalised article date) recomputed from the base rows.

Set-based, a handful of statements whatever the size: each kind is one `UPDATE ... FROM (grouped
subquery)` for the rows whose value is wrong plus one `UPDATE` that zeroes rows with no base row
left, so only wrong rows are written and their number is the drift. Used by `conduit db recount`
and by the seeder after bulk inserts.
"""

from collections.abc import Awaitable, Callable

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.engine import WRITE_TRANSACTION
from adapters.persistence.errors import translated_errors
from adapters.persistence.maintained import ARTICLES_COUNTER
from adapters.persistence.tables import article_tags, articles, counters, favorites, tags, users
from core.admin.ports import CountsRepair
from core.admin.views import RecountReport


class SqlCounts(CountsRepair):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def recount(self, *, fix: bool = True) -> RecountReport:
        async with translated_errors(), self._session_factory() as session:
            await session.connection(execution_options={WRITE_TRANSACTION: True})  # SQLite: one writer
            if session.bind.dialect.name == "postgresql":
                # Writers that change counts write one of these tables: they finish first, new ones wait.
                await session.execute(
                    sa.text("LOCK TABLE articles, article_tags, favorites IN SHARE ROW EXCLUSIVE MODE")
                )
            drift = {kind: await repair(session) for kind, repair in _REPAIRS.items()}
            if fix:
                await session.commit()
        return RecountReport(drift=drift, fixed=fix)


async def _rowcount(session: AsyncSession, statement: sa.Executable) -> int:
    return max((await session.execute(statement)).rowcount, 0)  # type: ignore[attr-defined]


def _count_of(
    target: sa.Table, column: str, key: str, base: sa.Table, base_key: str
) -> Callable[[AsyncSession], Awaitable[int]]:
    """target.column = number of `base` rows whose base_key is target.key."""

    async def repair(session: AsyncSession) -> int:
        grouped = (
            sa.select(base.c[base_key].label("key"), sa.func.count().label("n"))
            .group_by(base.c[base_key])
            .subquery()
        )
        wrong = (
            sa.update(target)
            .where(target.c[key] == grouped.c.key, target.c[column] != grouped.c.n)
            .values({column: grouped.c.n})
        )
        orphaned = (
            sa.update(target)
            .where(target.c[column] != 0, ~sa.exists().where(base.c[base_key] == target.c[key]))
            .values({column: 0})
        )
        return await _rowcount(session, wrong) + await _rowcount(session, orphaned)

    return repair


async def _missing_tags(session: AsyncSession) -> int:
    """Tags carried by articles but absent from `tags`, inserted with their count."""
    missing = (
        sa.select(article_tags.c.tag, sa.func.count())
        .where(~sa.exists().where(tags.c.name == article_tags.c.tag))
        .group_by(article_tags.c.tag)
    )
    return await _rowcount(session, sa.insert(tags).from_select(["name", "articles_count"], missing))


async def _articles_counter(session: AsyncSession) -> int:
    actual = (await session.execute(sa.select(sa.func.count()).select_from(articles))).scalar_one()
    stored = (
        await session.execute(sa.select(counters.c.value).where(counters.c.name == ARTICLES_COUNTER))
    ).scalar_one_or_none()
    if stored == actual:
        return 0
    await session.execute(sa.delete(counters).where(counters.c.name == ARTICLES_COUNTER))
    await session.execute(sa.insert(counters).values(name=ARTICLES_COUNTER, value=actual))
    return 1


def _article_date(table: sa.Table, column: str) -> Callable[[AsyncSession], Awaitable[int]]:
    """table.column = the created_at of the row's article (denormalised for index-walk pages)."""

    async def repair(session: AsyncSession) -> int:
        statement = (
            sa.update(table)
            .where(articles.c.id == table.c.article_id, table.c[column] != articles.c.created_at)
            .values({column: articles.c.created_at})
        )
        return await _rowcount(session, statement)

    return repair


async def _tag_counts(session: AsyncSession) -> int:
    return await _missing_tags(session) + await _count_of(
        tags, "articles_count", "name", article_tags, "tag"
    )(session)


_REPAIRS: dict[str, Callable[[AsyncSession], Awaitable[int]]] = {
    "articles.favorites_count": _count_of(articles, "favorites_count", "id", favorites, "article_id"),
    "users.articles_count": _count_of(users, "articles_count", "id", articles, "author_id"),
    "users.favorites_count": _count_of(users, "favorites_count", "id", favorites, "user_id"),
    "tags.articles_count": _tag_counts,
    "counters.articles": _articles_counter,
    "article_tags.created_at": _article_date(article_tags, "created_at"),
    "favorites.article_created_at": _article_date(favorites, "article_created_at"),
}
