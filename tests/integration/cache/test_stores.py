"""The two cache stores keep one contract: stamps that never come back, entries that expire."""

import asyncio
from collections.abc import AsyncIterator

import pytest

from adapters.cache.memory import MemoryCacheStore
from adapters.cache.redis_store import RedisCacheStore, make_redis
from adapters.cache.store import CacheStore, CacheUnavailable


@pytest.fixture(params=["memory", "redis"])
async def store(request: pytest.FixtureRequest, cache_prefix: str) -> AsyncIterator[CacheStore]:
    if request.param == "memory":
        made: CacheStore = MemoryCacheStore(max_entries=100)
    else:
        url = request.getfixturevalue("redis_url")
        made = RedisCacheStore(make_redis(url, timeout=1.0), prefix=cache_prefix, retry_after=1.0)
    yield made
    await made.aclose()


async def test_entries_round_trip_and_expire(store: CacheStore, cache_prefix: str) -> None:
    key = f"{cache_prefix}entry"
    assert await store.get(key) is None
    await store.put(key, b"value", ttl=60)
    assert await store.get(key) == b"value"
    await store.put(key, b"short", ttl=0.001)
    await asyncio.sleep(0.01)
    assert await store.get(key) is None


async def test_a_bumped_generation_never_gets_an_old_stamp_back(store: CacheStore, cache_prefix: str) -> None:
    names = [f"{cache_prefix}gen:a", f"{cache_prefix}gen:b"]
    first = await store.stamps(names)
    assert first == await store.stamps(names)  # stable until bumped
    seen = {first[0]}
    for _ in range(5):
        await store.bump(names[:1])
        now = await store.stamps(names)
        assert now[0] not in seen and now[1] == first[1]
        seen.add(now[0])
    await store.ping()


async def test_memory_store_drops_the_least_recently_used_beyond_its_bound() -> None:
    store = MemoryCacheStore(max_entries=2)
    await store.put("a", b"1", ttl=60)
    await store.put("b", b"2", ttl=60)
    assert await store.get("a") == b"1"  # now "b" is the least recently used
    await store.put("c", b"3", ttl=60)
    assert (await store.get("a"), await store.get("b"), await store.get("c")) == (b"1", None, b"3")


async def test_redis_replaces_a_lost_stamp_with_a_fresh_one(redis_url: str, cache_prefix: str) -> None:
    """An evicted or expired generation must not fall back to a stamp that old entries were stored under."""
    store = RedisCacheStore(make_redis(redis_url, timeout=1.0), prefix=cache_prefix, retry_after=1.0)
    name = f"{cache_prefix}gen:lost"
    try:
        before = await store.stamps([name])
        await store._client.delete(name)  # as an eviction would
        after = await store.stamps([name])
        assert after != before and after[0] != "0"
    finally:
        await store.aclose()


async def test_lookup_reads_the_entry_under_the_current_stamps(store: CacheStore, cache_prefix: str) -> None:
    names = [f"{cache_prefix}gen:x", f"{cache_prefix}gen:y"]
    key, value = await store.lookup(names, f"{cache_prefix}kind:id")
    assert value is None and key == f"{cache_prefix}kind:id@{'.'.join(await store.stamps(names))}"
    await store.put(key, b"entry", ttl=60)
    assert await store.lookup(names, f"{cache_prefix}kind:id") == (key, b"entry")
    await store.bump(names[1:])
    moved, value = await store.lookup(names, f"{cache_prefix}kind:id")
    assert moved != key and value is None


async def test_lookup_many_answers_like_one_lookup_each(store: CacheStore, cache_prefix: str) -> None:
    wanted = [([f"{cache_prefix}gen:x"], f"{cache_prefix}kind:{n}") for n in range(3)]
    key, _ = await store.lookup(*wanted[1])
    await store.put(key, b"one", ttl=60)
    assert await store.lookup_many(wanted) == [await store.lookup(*item) for item in wanted]
    assert [value for _, value in await store.lookup_many(wanted)] == [None, b"one", None]
    assert await store.lookup_many([]) == []


async def test_one_batch_may_name_more_generations_than_lua_unpacks(
    store: CacheStore, cache_prefix: str
) -> None:
    wanted = [
        ([f"{cache_prefix}gen:e", f"{cache_prefix}gen:n{n}"], f"{cache_prefix}kind:{n}") for n in range(9_000)
    ]
    found = await store.lookup_many(wanted)
    assert len(found) == 9_000 and all(value is None for _, value in found)
    assert found[8_999] == await store.lookup(*wanted[8_999])


async def test_a_checked_entry_answers_while_its_deps_keep_their_stamps(
    store: CacheStore, cache_prefix: str
) -> None:
    names, deps = [f"{cache_prefix}gen:x"], [f"{cache_prefix}gen:d1", f"{cache_prefix}gen:d2"]
    base = f"{cache_prefix}kind:composed"
    key, value = await store.lookup(names, base, checked=True)
    assert value is None
    await store.put(key, b"composed", ttl=60, deps=dict(zip(deps, await store.stamps(deps), strict=True)))
    assert await store.lookup(names, base, checked=True) == (key, b"composed")
    await store.bump([f"{cache_prefix}gen:unrelated"])
    assert await store.lookup(names, base, checked=True) == (key, b"composed")
    await store.bump(deps[1:])
    assert await store.lookup(names, base, checked=True) == (key, None)  # same key, stale deps
    await store.put(key, b"rebuilt", ttl=60, deps=dict(zip(deps, await store.stamps(deps), strict=True)))
    assert await store.lookup(names, base, checked=True) == (key, b"rebuilt")
    plain, _ = await store.lookup(names, f"{base}:plain")
    await store.put(plain, b"plain", ttl=60)  # never put with deps: a checked lookup misses
    assert await store.lookup(names, f"{base}:plain", checked=True) == (plain, None)


async def test_a_checked_entry_put_with_no_deps_answers_until_its_own_generations_move(
    store: CacheStore, cache_prefix: str
) -> None:
    """A composed value whose load read no other entry records empty deps: that is not "never put
    with deps", and it must answer (else such an entry would miss on every read)."""
    names, base = [f"{cache_prefix}gen:own"], f"{cache_prefix}kind:composed-alone"
    key, _ = await store.lookup(names, base, checked=True)
    await store.put(key, b"alone", ttl=60, deps={})
    assert await store.lookup(names, base, checked=True) == (key, b"alone")
    await store.bump(names)
    assert (await store.lookup(names, base, checked=True))[1] is None


async def test_concurrent_redis_lookups_share_one_round_trip(redis_url: str, cache_prefix: str) -> None:
    """Lookups made in one event-loop iteration go to Redis together, each with its own answer,
    including one whose stamp is missing (created on the way)."""
    client = make_redis(redis_url, timeout=1.0)
    store = RedisCacheStore(client, prefix=cache_prefix, retry_after=1.0)
    round_trips = 0
    send = client.evalsha

    async def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal round_trips
        round_trips += 1
        return await send(*args, **kwargs)

    client.evalsha = counted  # type: ignore[method-assign]
    try:
        shared = [f"{cache_prefix}gen:shared"]
        keys = [(await store.lookup(shared, f"{cache_prefix}kind:{n}"))[0] for n in range(3)]
        for n, key in enumerate(keys):
            await store.put(key, f"entry {n}".encode(), ttl=60)
        round_trips = 0
        names = [shared, shared, shared, [*shared, f"{cache_prefix}gen:new"]]
        bases = [f"{cache_prefix}kind:{n}" for n in range(4)]
        answers = await asyncio.gather(*(store.lookup(n, b) for n, b in zip(names, bases, strict=True)))
        assert [value for _, value in answers] == [b"entry 0", b"entry 1", b"entry 2", None]
        assert [key for key, _ in answers[:3]] == keys
        assert round_trips == 1  # one script call for all four, the missing stamp created on the way
    finally:
        await store.aclose()


async def test_a_batch_that_breaks_answers_every_waiting_lookup(redis_url: str, cache_prefix: str) -> None:
    """Even an unexpected failure inside a batch reaches each caller as CacheUnavailable (which sends
    it to the database), never a lookup left waiting forever."""
    client = make_redis(redis_url, timeout=1.0)
    store = RedisCacheStore(client, prefix=cache_prefix, retry_after=1.0)

    async def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        return []  # an answer of the wrong shape

    client.evalsha = broken  # type: ignore[method-assign]
    try:
        lookups = [store.lookup([f"{cache_prefix}gen:x"], f"{cache_prefix}kind:{n}") for n in range(3)]
        outcomes = await asyncio.wait_for(asyncio.gather(*lookups, return_exceptions=True), timeout=2)
        assert all(isinstance(outcome, CacheUnavailable) for outcome in outcomes)
    finally:
        await store.aclose()
