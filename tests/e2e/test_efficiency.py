"""Listings cost a fixed number of SQL statements whatever the page size, and use indexes."""

import re
from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from adapters.persistence.engine import make_engine
from entrypoints.container import build_container
from entrypoints.http.app import create_app
from tests.e2e.conftest import Api, app_settings

SEQ_SCAN = re.compile(r"Seq Scan on (users|articles|favorites|follows|comments|article_tags|tags)")


class StatementLog:
    def __init__(self) -> None:
        self.statements: list[tuple[str, object]] = []

    def __call__(self, _conn, _cursor, statement, parameters, _context, _many) -> None:
        self.statements.append((statement, parameters))


@pytest.fixture
async def measured(database_url: str, tmp_path) -> AsyncIterator[tuple[Api, StatementLog, sa.Engine]]:
    """The statements of the database read path itself: the cache is off."""
    container = build_container(app_settings(database_url, tmp_path, cache_enabled=False))
    engine = container.infra.engine()
    log = StatementLog()
    sa.event.listen(engine.sync_engine, "before_cursor_execute", log)
    async with AsyncTestClient(app=create_app(container)) as client:
        yield Api(client), log, engine


async def _seed(api: Api, articles: int) -> dict:
    jake = await api.register("jake")
    anna = await api.register("anna")
    await api.client.post("/api/profiles/jake/follow", headers=api.auth(anna["token"]))
    for n in range(articles):
        created = await api.create_article(jake["token"], title=f"Article {n}", tagList=[f"t{n}", "common"])
        await api.client.post(f"/api/articles/{created['slug']}/favorite", headers=api.auth(anna["token"]))
        await api.client.post(
            f"/api/articles/{created['slug']}/comments",
            json={"comment": {"body": "hi"}},
            headers=api.auth(anna["token"]),
        )
    return anna


async def _count(api: Api, log: StatementLog, path: str, token: str | None) -> int:
    log.statements.clear()
    await api.get(path, token)
    return len(
        [s for s, _ in log.statements if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))]
    )


@pytest.mark.parametrize(
    "path",
    ["/api/articles", "/api/articles/feed", "/api/articles?tag=common", "/api/articles?favorited=anna"],
)
async def test_statement_count_does_not_grow_with_the_page(measured, path: str) -> None:
    api, log, _ = measured
    anna = await _seed(api, 12)
    separator = "&" if "?" in path else "?"
    small = await _count(api, log, f"{path}{separator}limit=2", anna["token"])
    large = await _count(api, log, f"{path}{separator}limit=12", anna["token"])
    # authentication, count, listing (which articles), summaries (with their tags), the viewer's flags
    assert small == large <= 5


async def test_comments_and_article_reads_are_constant_too(measured) -> None:
    api, log, _ = measured
    anna = await _seed(api, 3)
    for _ in range(5):
        await api.client.post(
            "/api/articles/article-0/comments",
            json={"comment": {"body": "more"}},
            headers=api.auth(anna["token"]),
        )
    # authentication, the article (or its id), its tags or comments, the viewer's flags
    assert await _count(api, log, "/api/articles/article-0/comments", anna["token"]) <= 4
    assert await _count(api, log, "/api/articles/article-0", anna["token"]) <= 4


async def test_postgres_listing_queries_use_indexes(measured, database_url: str) -> None:
    """With sequential scans discouraged, every table access of the listing queries must find an index."""
    api, log, engine = measured
    if engine.dialect.name != "postgresql":
        pytest.skip("EXPLAIN plans are checked on PostgreSQL")
    anna = await _seed(api, 4)
    log.statements.clear()
    for path in [
        "/api/articles?limit=2",
        "/api/articles/feed",
        "/api/articles?tag=common&author=jake&favorited=anna",
        "/api/articles/article-1",
        "/api/articles/article-1/comments",
        "/api/profiles/jake",
        "/api/tags",
    ]:
        await api.get(path, anna["token"])
    selects = [(s, p) for s, p in log.statements if s.lstrip().upper().startswith("SELECT")]
    assert selects
    explainer = make_engine(database_url)  # the app's pool belongs to the app's event loop
    try:
        async with explainer.connect() as connection:
            await connection.exec_driver_sql("SET enable_seqscan = off")
            for statement, parameters in selects:
                rows = await connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
                plan = "\n".join(row[0] for row in rows)
                scan = SEQ_SCAN.search(plan)
                assert scan is None, f"{statement}\n{plan}"
    finally:
        await explainer.dispose()


async def test_with_redis_an_authenticated_read_sends_no_sql_once_cached(
    database_url, tmp_path, redis_url, cache_prefix
) -> None:
    """The session check is one cached lookup: the authenticated list gains no database round trip,
    and recording the session's use writes at most once a minute, not per request."""
    from tests.e2e.conftest import app_settings

    container = build_container(
        app_settings(database_url, tmp_path, redis_url=redis_url, cache_prefix=cache_prefix)
    )
    log = StatementLog()
    sa.event.listen(container.infra.engine().sync_engine, "before_cursor_execute", log)
    async with AsyncTestClient(app=create_app(container)) as client:
        api = Api(client)
        anna = await _seed(api, 2)
        for _ in range(2):  # fill the cache (the viewer's flags are stored on the second read)
            await api.get("/api/articles", anna["token"])
        assert [await _count(api, log, "/api/articles", anna["token"]) for _ in range(5)] == [0] * 5
