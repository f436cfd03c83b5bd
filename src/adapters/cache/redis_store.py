"""The Redis store: shared by every process, with short timeouts and a circuit breaker.

After an error the store is skipped for `retry_after` seconds (callers read from the database),
with one warning per outage. The first call after that probes Redis by starting a new epoch, which
makes every entry written before the outage unreachable: invalidations sent while Redis was away
(or lost by a restart from a snapshot) can then never surface as stale reads.
"""

import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from adapters.cache.store import (
    EPOCH,
    CacheStore,
    CacheUnavailable,
    CacheUsage,
    generation_key,
    stamped,
    versioned,
)

T = TypeVar("T")
STAMP_TTL_SECONDS = 7 * 24 * 3600  # a lost stamp is replaced by a new one, so expiry is safe
_ERRORS = (RedisError, OSError, TimeoutError)
# A read in one round trip: the stamps, then the entry under the key they make (same key as stamped()).
_LOOKUP = """
local stamps = redis.call('MGET', unpack(KEYS))
for _, stamp in ipairs(stamps) do
  if not stamp then return {false} end
end
local key = ARGV[1] .. '@' .. table.concat(stamps, '.')
return {key, redis.call('GET', key)}
"""

logger = logging.getLogger("conduit.cache")


def make_redis(url: str, timeout: float) -> "Redis[Any]":
    """A client that fails fast: no retries, short socket timeouts (the breaker does the waiting)."""
    return Redis.from_url(
        url,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        retry=Retry(NoBackoff(), 0),
        health_check_interval=30,
    )


class RedisCacheStore(CacheStore):
    def __init__(
        self,
        client: "Redis[Any]",
        *,
        prefix: str,
        retry_after: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client, self._epoch_key = client, generation_key(prefix, EPOCH)
        self._keys = versioned(prefix)
        self._retry_after, self._clock = retry_after, clock
        self._down_until: float | None = None  # None while healthy
        self._lookup = client.register_script(_LOOKUP)
        self._probing = False

    async def stamps(self, names: Sequence[str]) -> list[str]:
        values = await self._call(lambda: self._client.mget(names))
        missing = [name for name, value in zip(names, values, strict=True) if value is None]
        if missing:  # first use, eviction or expiry: a fresh random stamp, never an old one
            await self._call(lambda: self._set_new(missing, only_if_absent=True))
            values = await self._call(lambda: self._client.mget(names))
        return [value.decode() if value is not None else "0" for value in values]

    async def bump(self, names: Sequence[str]) -> None:
        await self._call(lambda: self._set_new(names, only_if_absent=False))

    async def get(self, key: str) -> bytes | None:
        value: bytes | None = await self._call(lambda: self._client.get(key))
        return value

    async def lookup(self, names: Sequence[str], base: str) -> tuple[str, bytes | None]:
        found = await self._call(lambda: self._lookup(keys=list(names), args=[base]))
        if found[0] is None:  # a stamp is missing: create it (rare), then read
            key = stamped(base, await self.stamps(names))
            return key, await self.get(key)
        return found[0].decode(), found[1]

    async def put(self, key: str, value: bytes, ttl: float) -> None:
        await self._call(lambda: self._client.set(key, value, px=max(1, int(ttl * 1000))))

    async def usage(self) -> CacheUsage:
        async def count() -> int:
            return sum([1 async for _ in self._client.scan_iter(match=f"{self._keys}*", count=1000)])

        entries = await self._call(count)
        memory = await self._call(lambda: self._client.info("memory"))
        return CacheUsage(backend="redis", entries=entries, memory_bytes=int(memory.get("used_memory", 0)))

    async def ping(self) -> None:
        try:
            await self._client.ping()
        except _ERRORS as error:
            raise CacheUnavailable(f"unreachable ({type(error).__name__})") from error

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _set_new(self, names: Sequence[str], *, only_if_absent: bool) -> None:
        async with self._client.pipeline(transaction=False) as pipe:
            for name in names:
                pipe.set(name, secrets.token_hex(8), ex=STAMP_TTL_SECONDS, nx=only_if_absent)
            await pipe.execute()

    async def _call(self, operation: Callable[[], Awaitable[T]]) -> T:
        if self._down_until is not None:
            await self._probe()
        try:
            return await operation()
        except _ERRORS as error:
            self._trip(error)
            raise CacheUnavailable(str(error)) from error

    async def _probe(self) -> None:
        """While down, fail at once; after the pause one caller starts a new epoch, then all resume."""
        assert self._down_until is not None  # noqa: S101 (narrowing)
        if self._probing or self._clock() < self._down_until:
            raise CacheUnavailable("cache paused after an error")
        self._probing = True
        try:
            await self._set_new([self._epoch_key], only_if_absent=False)
        except _ERRORS as error:
            self._down_until = self._clock() + self._retry_after
            raise CacheUnavailable(str(error)) from error
        finally:
            self._probing = False
        self._down_until = None
        logger.info("cache: Redis is reachable again, caching resumes (new epoch)")

    def _trip(self, error: BaseException) -> None:
        if self._down_until is None:
            logger.warning(
                "cache: Redis unavailable (%s: %s); reading from the database, retrying every %gs",
                type(error).__name__,
                error,
                self._retry_after,
            )
        self._down_until = self._clock() + self._retry_after
