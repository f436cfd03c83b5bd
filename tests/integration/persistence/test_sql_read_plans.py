"""The signed-in reads' work is bounded by the page, not by how many authors the reader follows, on
PostgreSQL's custom and generic plans alike (a driver's prepared statement gets a generic plan,
made for the average reader, after five runs)."""

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from adapters.persistence import maintained
from adapters.persistence.article_queries import SqlArticleQueries
from adapters.persistence.engine import make_engine, make_read_session_factory
from adapters.persistence.relations import SqlViewerRelations
from adapters.persistence.tables import articles, counters, favorites, follows, users
from core.shared.pagination import PageRequest
from tests.conftest import empty_database

START = datetime(2026, 5, 1, tzinfo=UTC)
USERS, FOLLOWED = 100, 40  # the reader (user 1) follows users 2..41, each the author of two articles


async def _site(engine: Any) -> None:
    async with engine.begin() as connection:
        await connection.execute(
            sa.insert(users),
            [
                {
                    "id": n,
                    "email": f"u{n}@x.io",
                    "email_canonical": f"u{n}@x.io",
                    "username": f"u{n}",
                    "username_canonical": f"u{n}",
                    "password_hash": "h",
                    "bio": "",
                    "image": "",
                    "created_at": START,
                    "updated_at": START,
                    "articles_count": 2,
                }
                for n in range(1, USERS + 1)
            ],
        )
        written = [(n, author) for n, author in enumerate(a for a in range(1, USERS + 1) for _ in range(2))]
        await connection.execute(
            sa.insert(articles),
            [
                {
                    "id": n + 1,
                    "slug": f"a{n + 1}",
                    "title": "t",
                    "description": "d",
                    "body": "b",
                    "author_id": author,
                    "created_at": START + timedelta(minutes=n),
                    "updated_at": START,
                }
                for n, author in written
            ],
        )
        await connection.execute(
            sa.insert(counters).values(name=maintained.ARTICLES_COUNTER, value=len(written))
        )
        followed = range(2, FOLLOWED + 2)
        await connection.execute(
            sa.insert(follows), [{"follower_id": 1, "followee_id": f, "created_at": START} for f in followed]
        )
        await connection.execute(
            sa.insert(favorites),
            [
                {"user_id": 1, "article_id": a, "created_at": START, "article_created_at": START}
                for a in range(1, 2 * FOLLOWED, 2)
            ],
        )
        await connection.exec_driver_sql("ANALYZE")


def _literal(value: Any) -> str:
    if isinstance(value, bool | int):
        return str(value).lower() if isinstance(value, bool) else str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


async def _rows_read(engine: Any, statement: str, parameters: Any, mode: str) -> Counter[str]:
    """Rows each table gave (kept or filtered out, every loop), running the statement prepared."""
    arguments = ", ".join(_literal(p) for p in parameters)
    async with engine.connect() as connection:
        await connection.exec_driver_sql("SET enable_seqscan = off")  # tiny tables: indexes, as at scale
        await connection.exec_driver_sql(f"SET plan_cache_mode = {mode}")
        await connection.exec_driver_sql(f"PREPARE measured AS {statement}")
        try:
            explained = await connection.exec_driver_sql(
                f"EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE measured({arguments})"
            )
            raw = explained.scalar_one()
        finally:
            await connection.exec_driver_sql("DEALLOCATE measured")
    plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]
    read: Counter[str] = Counter()
    for node in _nodes(plan):
        if "Relation Name" in node:
            given = node["Actual Rows"] + node.get("Rows Removed by Filter", 0)
            read[node["Relation Name"]] += given * node["Actual Loops"]
    return read


@contextmanager
def _recorded(engine: Any) -> Iterator[list[tuple[str, Any]]]:
    """The (statement, parameters) the engine sends meanwhile."""
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: Any) -> None:
        statements.append((statement, parameters))

    sa.event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(engine.sync_engine, "before_cursor_execute", record)


async def test_flags_and_feed_total_read_only_what_the_page_asks(postgres_url: str) -> None:
    await empty_database(postgres_url)
    engine = make_engine(postgres_url)
    try:
        await _site(engine)
        reads = make_read_session_factory(engine)
        with _recorded(engine) as statements:
            flags = await SqlViewerRelations(reads).flags(1, {"a1", "a2", "a3"}, {"u2", "u3", "u4", "u90"})
        (flags_statement,) = statements
        with _recorded(engine) as statements:
            feed = await SqlArticleQueries(reads).feed_listing(1, PageRequest(limit=2))
        total_statement = statements[0]
        assert flags.favorited == {"a1", "a3"} and flags.followed == {"u2", "u3", "u4"}
        assert feed.total == 2 * FOLLOWED

        for mode in ("force_custom_plan", "force_generic_plan"):
            read = await _rows_read(engine, *flags_statement, mode)
            # One lookup per asked item: not the 40 follows or 20 favorites of this reader.
            assert read["follows"] <= 4 and read["favorites"] <= 3, (mode, read)
            assert read["users"] <= 4 and read["articles"] <= 3, (mode, read)
            read = await _rows_read(engine, *total_statement, mode)
            assert read["users"] == FOLLOWED and read["follows"] == FOLLOWED, (mode, read)  # no other user
    finally:
        await engine.dispose()


async def test_a_feed_of_few_quiet_authors_reads_their_articles_not_the_whole_site(postgres_url: str) -> None:
    """A reader of two authors whose articles are the oldest on the site: the page comes from their
    own newest articles, never from walking every newer article of everyone else."""
    await empty_database(postgres_url)
    engine = make_engine(postgres_url)
    try:
        await _site(engine)
        async with engine.begin() as connection:  # user 100 follows users 2 and 3 (articles 3 to 6)
            await connection.execute(
                sa.insert(follows),
                [{"follower_id": USERS, "followee_id": f, "created_at": START} for f in (2, 3)],
            )
            await connection.exec_driver_sql("ANALYZE")
        reads = make_read_session_factory(engine)
        with _recorded(engine) as statements:
            feed = await SqlArticleQueries(reads).feed_listing(USERS, PageRequest(limit=2, offset=1))
        walk_statement = statements[1]
        assert [ref.slug for ref in feed.refs] == ["a5", "a4"] and feed.total == 4

        for mode in ("force_custom_plan", "force_generic_plan"):
            read = await _rows_read(engine, *walk_statement, mode)
            # At most offset + limit of each followed author's, and the page's own two rows.
            assert read["articles"] <= 2 * 3 + 2, (mode, read)
    finally:
        await engine.dispose()
