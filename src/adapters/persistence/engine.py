"""Engine and session factory construction (no module-level globals)."""

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from adapters.persistence.metrics import instrument_pool

# Execution option the write unit of work sets so SQLite takes the write lock up front.
WRITE_TRANSACTION = "conduit_write"


@dataclass(frozen=True, slots=True, kw_only=True)
class PoolSettings:
    size: int = 10
    max_overflow: int = 10
    timeout: float = 5.0
    recycle: int = 1800
    connect_timeout: float = 5.0  # a database that does not answer fails fast (503), not after 60 s


def async_url(url: str) -> URL:
    """Accept plain URLs (postgresql://, sqlite:///) and pick the async driver."""
    parsed = make_url(url)
    driver = {
        "postgresql": "postgresql+asyncpg",
        "postgres": "postgresql+asyncpg",
        "sqlite": "sqlite+aiosqlite",
    }
    return parsed.set(drivername=driver.get(parsed.drivername, parsed.drivername))


def make_engine(url: str, pool: PoolSettings | None = None) -> AsyncEngine:
    target = async_url(url)
    engine = _sqlite_engine(target) if target.get_backend_name() == "sqlite" else _pooled(target, pool)
    instrument_pool(engine)
    return engine


def _pooled(target: URL, pool: PoolSettings | None) -> AsyncEngine:
    pool = pool or PoolSettings()
    return create_async_engine(
        target,
        pool_size=pool.size,
        max_overflow=pool.max_overflow,
        pool_timeout=pool.timeout,
        pool_recycle=pool.recycle,
        pool_pre_ping=True,
        connect_args={"timeout": pool.connect_timeout},
        hide_parameters=True,  # error messages (and so logs) never carry row values
    )


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


def make_read_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions for the read models. On PostgreSQL they run in autocommit: no BEGIN and ROLLBACK
    round trips around every lookup (authentication, viewer flags, cache misses)."""
    if engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    return make_session_factory(engine)


def _sqlite_engine(url: URL) -> AsyncEngine:
    engine = create_async_engine(url, connect_args={"timeout": 30}, hide_parameters=True)

    @sa.event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins (SQLAlchemy's documented
        # recipe), so that writers can BEGIN IMMEDIATE and never fail upgrading a read lock.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if url.database and url.database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @sa.event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        write = connection.get_execution_options().get(WRITE_TRANSACTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
