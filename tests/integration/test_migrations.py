"""Migrations are the only source of the schema, and they agree with the table definitions.

Alembic runs its own event loop, so these tests are synchronous.
"""

import asyncio

from sqlalchemy.engine import make_url

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
