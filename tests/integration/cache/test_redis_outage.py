"""Redis down, then back: reads fall through to the loader, one warning per outage, caching resumes
by itself, and an invalidation sent while Redis was away never surfaces as a stale read."""

import asyncio
import logging
import time

import pytest

from adapters.cache.queries import TAGS
from adapters.cache.read_through import ReadThrough
from adapters.cache.redis_store import RedisCacheStore, make_redis
from adapters.cache.store import CacheUnavailable
from tests.integration.cache.conftest import fixed_namespace
from tests.redis_helpers import ThrowawayRedis

RETRY = 0.3


async def test_outage_degrades_and_recovers(
    throwaway_redis: ThrowawayRedis, cache_prefix: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = RedisCacheStore(
        make_redis(throwaway_redis.url, timeout=0.2), prefix=cache_prefix, retry_after=RETRY
    )
    cache = ReadThrough(store, prefix=cache_prefix, ttl=60, namespace=fixed_namespace)

    source = {"tags": ["old"], "loads": 0}

    async def load() -> list[str]:
        source["loads"] += 1
        return list(source["tags"])

    async def read() -> list[str]:
        value, _ = await cache.read(TAGS, "all", ["lists"], load)
        return value or []

    try:
        assert await read() == ["old"] and await read() == ["old"]
        assert source["loads"] == 1  # cached

        throwaway_redis.stop()
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="conduit.cache"):
            started = time.monotonic()
            source["tags"] = ["new"]
            await cache.bump(["lists"])  # lost: Redis is down
            results = [await read() for _ in range(20)]
            elapsed = time.monotonic() - started
        assert results == [["new"]] * 20  # every read went to the source, none failed
        assert source["loads"] == 21
        assert elapsed < 2.0  # the breaker skips Redis instead of waiting on it each time
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1 and "Redis unavailable" in warnings[0].getMessage()

        throwaway_redis.start()  # empty again, like a restart
        await asyncio.sleep(RETRY + 0.05)
        with caplog.at_level(logging.INFO, logger="conduit.cache"):
            assert await read() == ["new"]
        assert any("reachable again" in r.getMessage() for r in caplog.records)
        loads = source["loads"]
        assert await read() == ["new"] and source["loads"] == loads  # caching resumed
        await store.ping()
    finally:
        await store.aclose()


async def test_entries_from_before_an_outage_are_dropped_when_redis_keeps_its_data(
    throwaway_redis: ThrowawayRedis, cache_prefix: str
) -> None:
    """A blip (Redis keeps its data, but this process missed an invalidation): the new epoch hides
    everything stored before it."""
    store = RedisCacheStore(
        make_redis(throwaway_redis.url, timeout=0.2), prefix=cache_prefix, retry_after=RETRY
    )
    cache = ReadThrough(store, prefix=cache_prefix, ttl=60, namespace=fixed_namespace)

    state = {"value": ["v1"]}

    async def load() -> list[str]:
        return list(state["value"])

    try:
        assert (await cache.read(TAGS, "all", ["lists"], load))[0] == ["v1"]
        store._trip(ConnectionError("simulated blip"))  # as if the bump below had failed
        state["value"] = ["v2"]
        with pytest.raises(CacheUnavailable):
            await store.bump(["x"])
        await asyncio.sleep(RETRY + 0.05)
        assert (await cache.read(TAGS, "all", ["lists"], load))[0] == ["v2"]
    finally:
        await store.aclose()


async def test_after_a_restart_caching_resumes_at_once_without_flapping(
    throwaway_redis: ThrowawayRedis, cache_prefix: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Under steady load, Redis restarts: one warning for the outage, one recovery, no flapping
    (connections pooled before the restart are dropped, not reused one failure at a time)."""
    client = make_redis(throwaway_redis.url, timeout=0.2)
    store = RedisCacheStore(client, prefix=cache_prefix, retry_after=RETRY)
    cache = ReadThrough(store, prefix=cache_prefix, ttl=60, namespace=fixed_namespace)
    loads = {"count": 0}
    running = True

    async def load() -> list[str]:
        loads["count"] += 1
        await asyncio.sleep(0.001)
        return ["tag"]

    async def reader() -> None:
        while running:
            await cache.read(TAGS, "all", ["lists"], load)
            await asyncio.sleep(0.002)

    try:
        with caplog.at_level(logging.INFO, logger="conduit.cache"):
            readers = [asyncio.ensure_future(reader()) for _ in range(16)]
            await asyncio.sleep(0.3)
            await asyncio.to_thread(throwaway_redis.stop)
            await asyncio.sleep(0.3)
            await asyncio.to_thread(throwaway_redis.start)
            await asyncio.sleep(RETRY * 8)
            before = loads["count"]
            await asyncio.sleep(RETRY * 2)
            running = False
            await asyncio.gather(*readers)
        messages = [r.getMessage() for r in caplog.records]
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1, messages
        assert sum("reachable again" in m for m in messages) == 1, messages
        assert loads["count"] == before  # caching resumed within a few retry periods and stays on
    finally:
        await store.aclose()
