"""Reachability of PostgreSQL and Redis, and the bench's own Redis database."""

import asyncio

import redis
import sqlalchemy as sa

from adapters.persistence.engine import make_engine


def unavailable(*, postgres_url: str | None, redis_url: str | None) -> str:
    """Why a configuration cannot run ('' when every service it needs answers)."""
    if postgres_url:
        try:
            asyncio.run(_ping_postgres(postgres_url))
        except (OSError, sa.exc.SQLAlchemyError) as error:
            return f"PostgreSQL unreachable ({type(error).__name__}); set BENCH_POSTGRES_URL"
    if redis_url:
        try:
            redis.Redis.from_url(redis_url).ping()
        except redis.RedisError as error:
            return f"Redis unreachable at {redis_url} ({error}); set BENCH_REDIS_URL"
    return ""


async def _ping_postgres(url: str) -> None:
    admin = sa.make_url(url).set(database="postgres").render_as_string(hide_password=False)
    engine = make_engine(admin)
    try:
        async with engine.connect() as connection:
            await connection.execute(sa.text("SELECT 1"))
    finally:
        await engine.dispose()


def flush_own_redis_db(url: str) -> None:
    """The server cache starts cold. Only the bench's own database number is emptied, never db 0."""
    client = redis.Redis.from_url(url)
    if int(client.connection_pool.connection_kwargs.get("db", 0)) == 0:
        raise ValueError("BENCH_REDIS_URL must name a database number of its own (not 0): it is flushed")
    client.flushdb()
