"""Bulk writing of demo data: PostgreSQL COPY, SQLite multi-row inserts, one transaction.

Writing a million articles through the use cases would take hours (one transaction, and on
PostgreSQL several round trips, per row); here the rows the core planned go in at some
tens of thousands per second. COPY bypasses SQLAlchemy's type handling, so rows are handed
to it as the driver expects them (timezone-aware datetimes for timestamptz).
"""

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from adapters.persistence.errors import translated_errors
from adapters.persistence.tables import (
    article_tags,
    articles,
    comments,
    counters,
    favorites,
    follows,
    tags,
    users,
)
from core.admin.demo_data import DemoIds, DemoPlan
from core.admin.ports import DemoDataWriter, SeedProgress

# Index pages of a million-article site do not fit SQLite's default 2 MB page cache: every insert
# would then read and write pages back and forth. 1 GiB, for the seed's own connection only.
SQLITE_CACHE_KIB = 1024 * 1024

Batches = Iterator[tuple[sa.Table, list[dict[str, Any]]]]


class SqlDemoDataWriter(DemoDataWriter):
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def next_ids(self) -> DemoIds:
        async with translated_errors(), self._engine.connect() as connection:
            return DemoIds(
                first_user=await _next_id(connection, users),
                first_article=await _next_id(connection, articles),
            )

    async def write(self, plan: DemoPlan, password_hash: str, progress: SeedProgress) -> None:
        async with translated_errors():
            async with self._engine.begin() as connection:
                postgres = connection.dialect.name == "postgresql"
                put = _copy if postgres else _insert
                if postgres:
                    await _skip_reference_checks(connection)
                else:
                    await connection.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
                await _add_tag_counts(connection, plan)
                for table, rows in itertools.chain(
                    _users(plan, password_hash),
                    _articles(plan),
                    _plain(follows, plan.follows_rows()),
                    _plain(favorites, plan.favorites()),
                    _comments(plan),
                ):
                    if rows:
                        await put(connection, table, rows)
                        progress.wrote(table.name, len(rows))
                await _add_counter(connection, "articles", plan.size.articles)
                if postgres:
                    await _move_sequences_on(connection)
                if not postgres:
                    await connection.exec_driver_sql("PRAGMA cache_size = -2000")  # SQLite's default
            await self._refresh_statistics()

    async def _refresh_statistics(self) -> None:
        """The planner's row estimates (and PostgreSQL's visibility map, which index-only scans of
        deep pages need) are out of date after millions of new rows."""
        async with self._engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            if connection.dialect.name == "postgresql":
                await connection.exec_driver_sql("VACUUM ANALYZE")
            else:
                await connection.exec_driver_sql("ANALYZE")


async def _next_id(connection: AsyncConnection, table: sa.Table) -> int:
    highest = (await connection.execute(sa.select(sa.func.max(table.c.id)))).scalar_one() or 0
    if connection.dialect.name == "postgresql":  # a sequence can be ahead of the rows (deletes, rollbacks)
        used = await connection.execute(
            sa.text(f"SELECT last_value, is_called FROM {table.name}_id_seq")  # noqa: S608 (fixed names)
        )
        last, called = used.one()
        highest = max(highest, last if called else last - 1)
    else:  # AUTOINCREMENT remembers the highest id ever handed out
        seq = await connection.execute(
            sa.text("SELECT seq FROM sqlite_sequence WHERE name = :name"), {"name": table.name}
        )
        highest = max(highest, seq.scalar_one_or_none() or 0)
    return highest + 1


def _users(plan: DemoPlan, password_hash: str) -> Batches:
    constant = {"password_hash": password_hash, "role": "user", "ban_reason": "", "token_version": 0}
    for batch in plan.users():
        yield users, [{**u._asdict(), **constant, "updated_at": u.created_at} for u in batch]


def _articles(plan: DemoPlan) -> Batches:
    for batch in plan.articles():
        yield (
            articles,
            [
                {
                    "id": a.id,
                    "slug": a.slug,
                    "title": a.title,
                    "description": a.description,
                    "body": a.body,
                    "author_id": a.author_id,
                    "created_at": a.created_at,
                    "updated_at": a.created_at,
                    "favorites_count": a.favorites_count,
                }
                for a in batch
            ],
        )
        yield (
            article_tags,
            [{"article_id": a.id, "tag": tag, "created_at": a.created_at} for a in batch for tag in a.tags],
        )


def _comments(plan: DemoPlan) -> Batches:
    for batch in plan.comments_rows():
        yield comments, [{**c._asdict(), "updated_at": c.created_at} for c in batch]


def _plain(table: sa.Table, batches: Iterable[Sequence[Any]]) -> Batches:
    for batch in batches:
        yield table, [row._asdict() for row in batch]


async def _skip_reference_checks(connection: AsyncConnection) -> None:
    """Every planned reference is to a row of this plan or an existing id, so PostgreSQL's per-row
    foreign-key triggers (which also lock each referenced row) only cost time: half of a big seed.
    Skipping them takes a superuser; without one the seed just runs slower."""
    try:
        async with connection.begin_nested():
            await connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
    except sa.exc.DBAPIError:
        return


async def _add_tag_counts(connection: AsyncConnection, plan: DemoPlan) -> None:
    counts = [{"name": t.name, "articles_count": t.articles_count} for t in plan.tag_counts()]
    if counts:
        await connection.execute(
            sa.update(tags)
            .where(tags.c.name == sa.bindparam("tag_name"))
            .values(articles_count=tags.c.articles_count + sa.bindparam("added")),
            [{"tag_name": c["name"], "added": c["articles_count"]} for c in counts],
        )
        known = set((await connection.execute(sa.select(tags.c.name))).scalars())
        new = [c for c in counts if c["name"] not in known]
        if new:
            await connection.execute(sa.insert(tags), new)


async def _add_counter(connection: AsyncConnection, name: str, added: int) -> None:
    changed = await connection.execute(
        sa.update(counters).where(counters.c.name == name).values(value=counters.c.value + added)
    )
    if changed.rowcount == 0:
        await connection.execute(sa.insert(counters).values(name=name, value=added))


async def _move_sequences_on(connection: AsyncConnection) -> None:
    """Explicit ids were given: the sequences must hand out ids after them."""
    for name in ("users", "articles"):
        await connection.exec_driver_sql(
            f"SELECT setval('{name}_id_seq', (SELECT COALESCE(MAX(id), 1) FROM {name}))"  # noqa: S608
        )


async def _copy(connection: AsyncConnection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    raw = (await connection.get_raw_connection()).driver_connection
    assert raw is not None  # noqa: S101 (an open connection has a driver connection)
    columns = list(rows[0])
    records = [tuple(row[c] for c in columns) for row in rows]
    try:
        await raw.copy_records_to_table(table.name, records=records, columns=columns)
    except OSError:
        raise
    except Exception as error:  # the driver's own error: wrapped as SQLAlchemy would, to be translated
        wrapper = (
            sa.exc.IntegrityError
            if str(getattr(error, "sqlstate", "")).startswith("23")
            else sa.exc.DBAPIError
        )
        raise wrapper(f"COPY {table.name}", None, error) from error


async def _insert(connection: AsyncConnection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    await connection.execute(table.insert(), rows)
