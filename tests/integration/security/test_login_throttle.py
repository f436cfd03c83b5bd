"""Login failure limits: in-process, on a real Redis shared by two "processes", and during a Redis outage."""

import uuid

import pytest
from redis.asyncio import Redis

from adapters.security.login_throttle import InProcessLoginThrottle, RedisLoginThrottle, ThrottleLimits
from tests.conftest import service_url

LIMITS = ThrottleLimits(per_kind={"pair": 3, "client": 5}, window_seconds=60)
SECRET = "throttle-test-secret-0123456789abcdef"


def keys() -> tuple[str, str]:
    unique = uuid.uuid4().hex  # own keys: parallel runs share the Redis server
    return f"pair:{unique}@example.com|198.51.100.7", f"client:{unique}"


async def test_in_process_blocks_after_the_limit_and_resets() -> None:
    throttle = InProcessLoginThrottle(LIMITS)
    account, client = keys()
    for _ in range(3):
        assert await throttle.retry_after([account, client]) is None
        await throttle.record_failure([account, client])
    wait = await throttle.retry_after([account, client])
    assert wait is not None and 0 < wait <= 60
    await throttle.reset(account)
    assert await throttle.retry_after([account]) is None
    assert await throttle.retry_after([client]) is None  # 3 of 5 for the client


async def check_names_the_keys_with_failures_counted(throttle) -> None:
    account, client = keys()
    assert (await throttle.check([account, client])).counted == frozenset()
    await throttle.record_failure([client])
    check = await throttle.check([account, client])
    assert check.counted == {client} and check.retry_after is None
    await throttle.record_failure([account, client])
    await throttle.reset(account)
    assert (await throttle.check([account, client])).counted == {client}


async def test_in_process_check_names_the_keys_with_failures_counted() -> None:
    await check_names_the_keys_with_failures_counted(InProcessLoginThrottle(LIMITS))


async def test_redis_check_names_the_keys_with_failures_counted(redis) -> None:
    await check_names_the_keys_with_failures_counted(on_redis(redis))


@pytest.fixture
async def redis():
    client = Redis.from_url(service_url("REDIS"), socket_timeout=1)
    yield client
    await client.aclose()


def on_redis(redis: Redis, prefix: str = "security-test:") -> RedisLoginThrottle:
    return RedisLoginThrottle(redis, LIMITS, InProcessLoginThrottle(LIMITS), prefix=prefix, secret=SECRET)


async def test_redis_counts_are_shared_between_processes(redis) -> None:
    first, second = on_redis(redis), on_redis(redis)
    account, client = keys()
    await first.record_failure([account, client])
    await second.record_failure([account, client])
    assert await first.retry_after([account]) is None
    await first.record_failure([account, client])
    wait = await second.retry_after([account, client])
    assert wait is not None and 0 < wait <= 60
    await second.reset(account)
    assert await first.retry_after([account]) is None


async def test_redis_outage_falls_back_to_counting_locally(caplog) -> None:
    dead = Redis.from_url("redis://127.0.0.1:1/0", socket_timeout=0.2, socket_connect_timeout=0.2)
    throttle = on_redis(dead)
    account, client = keys()
    with caplog.at_level("WARNING", logger="conduit.login_throttle"):
        for _ in range(3):
            assert await throttle.retry_after([account, client]) is None
            await throttle.record_failure([account, client])
        assert await throttle.retry_after([account, client]) is not None  # never fails open
    warnings = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(warnings) == 1  # once per outage, not per request
    await dead.aclose()


async def test_redis_keys_live_under_the_prefix_and_name_no_address(redis) -> None:
    prefix = f"security-test-{uuid.uuid4().hex}:"
    account, client = keys()
    await on_redis(redis, prefix).record_failure([account, client])
    names = [name.decode() async for name in redis.scan_iter(match=f"{prefix}*")]
    assert len(names) == 2 and all(name.startswith(f"{prefix}login-failures:") for name in names)
    assert not any("@" in name or "example.com" in name or "198.51" in name for name in names)
    other_deployment = on_redis(redis, f"security-test-{uuid.uuid4().hex}:")
    assert await other_deployment.retry_after([account, client]) is None  # its own counts
    await redis.delete(*names)
