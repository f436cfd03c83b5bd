"""Shared test set-up: service discovery (PostgreSQL, Redis) and throwaway databases.

Services come from the environment:
  CONDUIT_TEST_POSTGRES_URL   e.g. postgresql://postgres@127.0.0.1:5432/test (an admin database)
  CONDUIT_TEST_REDIS_URL      e.g. redis://127.0.0.1:6379/0
  CONDUIT_TEST_REQUIRE_SERVICES=1 (set by CI) turns "service missing" from a skip into a failure.
Each test session creates its own PostgreSQL database, so parallel runs never collide.
"""

import asyncio
import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from adapters.persistence.engine import make_engine
from adapters.persistence.migrations.runner import Migrations
from adapters.persistence.tables import metadata
from tests.redis_helpers import ThrowawayRedis, drop_prefix, unique_prefix

# Cheap argon2 for tests (production parameters are exercised in the hasher's own tests).
CHEAP_HASHING = {"argon2_time_cost": 1, "argon2_memory_kib": 8, "argon2_parallelism": 1}
TEST_SECRET = "test-secret-key-that-is-long-enough-0123456789"


def service_url(name: str) -> str | None:
    url = os.environ.get(f"CONDUIT_TEST_{name}_URL")
    if not url:
        if os.environ.get("CONDUIT_TEST_REQUIRE_SERVICES") == "1":
            pytest.fail(f"CONDUIT_TEST_{name}_URL is not set but CONDUIT_TEST_REQUIRE_SERVICES=1")
        pytest.skip(f"{name.lower()} not configured (set CONDUIT_TEST_{name}_URL)")
    return url


async def _admin(url: str, statement: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(sa.text(statement))
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session, dropped afterwards."""
    admin_url = service_url("POSTGRES")
    assert admin_url
    name = f"conduit_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    try:
        asyncio.run(_admin(admin_url, f'CREATE DATABASE "{name}"'))
    except Exception as error:
        if os.environ.get("CONDUIT_TEST_REQUIRE_SERVICES") == "1":
            raise
        pytest.skip(f"postgresql unreachable: {error}")
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    Migrations(url).upgrade()
    yield url
    asyncio.run(_admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'conduit.db'}"
    Migrations(url).upgrade()
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """The same test on both databases, emptied before each test."""
    url = request.getfixturevalue(f"{request.param}_url")
    asyncio.run(empty_database(url))
    return url


async def empty_database(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                names = ", ".join(table.name for table in metadata.sorted_tables)
                await connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in reversed(metadata.sorted_tables):
                    await connection.execute(table.delete())
                await connection.execute(sa.text("DELETE FROM sqlite_sequence"))
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = service_url("REDIS")
    assert url
    return url


@pytest.fixture
def cache_prefix(request: pytest.FixtureRequest) -> Iterator[str]:
    """A key prefix of this test's own; its keys are removed from the shared Redis afterwards."""
    prefix = unique_prefix()
    yield prefix
    if os.environ.get("CONDUIT_TEST_REDIS_URL"):
        drop_prefix(os.environ["CONDUIT_TEST_REDIS_URL"], prefix)


@pytest.fixture
def throwaway_redis(tmp_path) -> Iterator[ThrowawayRedis]:
    server = ThrowawayRedis(tmp_path)
    server.start()
    yield server
    server.stop()
