"""Migrations are the only source of the schema, and they agree with the table definitions.

Alembic runs its own event loop, so these tests are synchronous.
"""

import asyncio

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from adapters.persistence.engine import make_engine
from adapters.persistence.migrations.runner import Migrations
from tests.conftest import _admin


def test_migrated_schema_matches_the_tables(database_url: str) -> None:
    migrations = Migrations(database_url)
    assert asyncio.run(migrations.current()) == migrations.head()
    assert asyncio.run(migrations.differences()) == []


def stairway(migrations: Migrations) -> None:
    """Each revision up, down, up again; then down to nothing and up to the newest."""
    revisions = [revision for revision, _ in reversed(migrations.history())]
    for revision in revisions:
        migrations.upgrade(revision)
        migrations.downgrade("-1")
        migrations.upgrade(revision)
    assert asyncio.run(migrations.current()) == migrations.head() == revisions[-1]
    migrations.downgrade("base")
    assert asyncio.run(migrations.current()) is None
    migrations.upgrade()
    assert asyncio.run(migrations.differences()) == []


def test_stairway_on_sqlite(tmp_path) -> None:
    stairway(Migrations(f"sqlite:///{tmp_path / 'stairway.db'}"))


def test_stairway_on_postgres(postgres_url: str) -> None:
    url = make_url(postgres_url)
    scratch = f"{url.database}_stairway"
    asyncio.run(_admin(postgres_url, f'CREATE DATABASE "{scratch}"'))
    try:
        stairway(Migrations(url.set(database=scratch).render_as_string(hide_password=False)))
    finally:
        asyncio.run(_admin(postgres_url, f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))


COUNTS_REVISION = "7c0a9e1f5b21"

_BASE_ROWS = [
    "INSERT INTO users (id, email, email_canonical, username, username_canonical, password_hash, bio, image,"
    " created_at, updated_at) VALUES"
    " (1, 'a@x.io', 'a@x.io', 'a', 'a', 'h', '', '', '2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00'),"
    " (2, 'b@x.io', 'b@x.io', 'b', 'b', 'h', '', '', '2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00')",
    "INSERT INTO articles (id, slug, title, description, body, author_id, created_at, updated_at) VALUES"
    " (1, 's1', 't', 'd', 'b', 1, '2026-01-02 00:00:00+00', '2026-01-02 00:00:00+00'),"
    " (2, 's2', 't', 'd', 'b', 1, '2026-01-03 00:00:00+00', '2026-01-03 00:00:00+00'),"
    " (3, 's3', 't', 'd', 'b', 2, '2026-01-04 00:00:00+00', '2026-01-04 00:00:00+00')",
    "INSERT INTO article_tags (article_id, tag) VALUES (1, 'x'), (2, 'x'), (3, 'x'), (3, 'y')",
    "INSERT INTO favorites (user_id, article_id, created_at) VALUES"
    " (1, 3, '2026-01-05 00:00:00+00'), (2, 3, '2026-01-05 00:00:00+00'), (2, 1, '2026-01-05 00:00:00+00')",
]

_COUNTS = {
    "SELECT id, favorites_count FROM articles ORDER BY id": [(1, 1), (2, 0), (3, 2)],
    "SELECT id, articles_count, favorites_count FROM users ORDER BY id": [(1, 2, 1), (2, 1, 2)],
    "SELECT name, articles_count FROM tags ORDER BY name": [("x", 3), ("y", 1)],
    "SELECT value FROM counters WHERE name = 'articles'": [(3,)],
    "SELECT count(*) FROM article_tags t JOIN articles a ON a.id = t.article_id"
    " WHERE t.created_at = a.created_at": [(4,)],
    "SELECT count(*) FROM favorites f JOIN articles a ON a.id = f.article_id"
    " WHERE f.article_created_at = a.created_at": [(3,)],
}


async def _run(url: str, statements: list[str]) -> list[list[tuple[object, ...]]]:
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            results = [await connection.execute(sa.text(s)) for s in statements]
            return [[tuple(row) for row in r] if r.returns_rows else [] for r in results]
    finally:
        await engine.dispose()


def backfill(url: str) -> None:
    """The counts migration fills every new column from existing rows, and goes back down cleanly."""
    migrations = Migrations(url)
    migrations.upgrade("161b3f214845")
    asyncio.run(_run(url, _BASE_ROWS))
    migrations.upgrade(COUNTS_REVISION)
    assert asyncio.run(_run(url, list(_COUNTS))) == list(_COUNTS.values())
    migrations.downgrade("161b3f214845")
    kept = ["SELECT count(*) FROM article_tags", "SELECT count(*) FROM favorites"]
    assert asyncio.run(_run(url, kept)) == [[(4,)], [(3,)]]


def test_counts_backfill_on_sqlite(tmp_path) -> None:
    backfill(f"sqlite:///{tmp_path / 'backfill.db'}")


def test_counts_backfill_on_postgres(postgres_url: str) -> None:
    url = make_url(postgres_url)
    scratch = f"{url.database}_backfill"
    asyncio.run(_admin(postgres_url, f'CREATE DATABASE "{scratch}"'))
    try:
        backfill(url.set(database=scratch).render_as_string(hide_password=False))
    finally:
        asyncio.run(_admin(postgres_url, f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
