"""Engine and session factory construction (no module-level globals)."""

import time
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from adapters.persistence.metrics import instrument_pool

# Execution option the write unit of work sets so SQLite takes the write lock up front.
WRITE_TRANSACTION = "conduit_write"
# Execution option of the autocommit engine on SQLite: no BEGIN, each statement on its own.
_AUTOCOMMIT = "conduit_autocommit"
_LAST_USED = "conduit_last_used"


@dataclass(frozen=True, slots=True, kw_only=True)
class PoolSettings:
    size: int = 20
    max_overflow: int = 10
    timeout: float = 5.0
    recycle: int = 1800
    connect_timeout: float = 5.0  # a database that does not answer fails fast (503), not after 60 s
    idle_ping_seconds: float = 1.0  # connections idle longer are pinged before use


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
    engine = create_async_engine(
        target,
        pool_size=pool.size,
        max_overflow=pool.max_overflow,
        pool_timeout=pool.timeout,
        pool_recycle=pool.recycle,
        connect_args={"timeout": pool.connect_timeout},
        hide_parameters=True,  # error messages (and so logs) never carry row values
    )
    _ping_when_idle(engine, pool.idle_ping_seconds)
    return engine


def _ping_when_idle(engine: AsyncEngine, idle_seconds: float) -> None:
    """pool_pre_ping, but only for connections idle longer than `idle_seconds`.

    A ping is a round trip that cost about a third of a small read. A connection used moments ago
    is alive unless the server just went away, and then the first error invalidates the whole pool:
    in-flight requests get 503 (the server is down), later ones reconnect.
    """

    @sa.event.listens_for(engine.sync_engine, "connect")
    @sa.event.listens_for(engine.sync_engine, "checkin")
    def _used(_dbapi_connection: Any, record: Any) -> None:
        record.info[_LAST_USED] = time.monotonic()

    @sa.event.listens_for(engine.sync_engine, "checkout")
    def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get(_LAST_USED, 0.0) < idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            if engine.dialect.is_disconnect(error, dbapi_connection, None):
                raise sa.exc.DisconnectionError from error  # the pool replaces it and checks out again
            raise


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


def make_read_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions for the read models, in autocommit: no BEGIN and ROLLBACK round trips around every
    lookup (authentication, viewer flags, cache misses)."""
    return make_session_factory(autocommit(engine))


def autocommit(engine: AsyncEngine) -> AsyncEngine:
    """The same pool, each statement committed on its own: for lone statements, which need no BEGIN
    and COMMIT round trips around them. On SQLite a round trip is a hop to the driver's thread;
    there the BEGIN is left out (the driver itself never begins, see below)."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="AUTOCOMMIT")
    if engine.dialect.name == "sqlite":
        return engine.execution_options(**{_AUTOCOMMIT: True})
    return engine


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

    @sa.event.listens_for(engine.sync_engine, "checkin")
    def _driver_still_never_begins(dbapi_connection: Any, _record: Any) -> None:
        # A connection given an isolation level (AUTOCOMMIT, for ANALYZE) comes back with the
        # dialect's default, which lets the driver begin again: its next lone write (autocommit
        # engine) would then sit in a transaction that nothing commits.
        if dbapi_connection is not None and dbapi_connection.isolation_level is not None:
            dbapi_connection.isolation_level = None

    @sa.event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        options = connection.get_execution_options()
        if options.get(_AUTOCOMMIT, False):
            return  # autocommit: each statement sees the latest commit, and commits by itself
        connection.exec_driver_sql("BEGIN IMMEDIATE" if options.get(WRITE_TRANSACTION, False) else "BEGIN")

    return engine
