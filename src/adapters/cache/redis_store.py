"""The Redis store: shared by every process, with short timeouts and a circuit breaker.

After an error the store is skipped for `retry_after` seconds (callers read from the database),
with one warning per outage. The first call after that probes Redis by starting a new epoch, which
makes every entry written before the outage unreachable: invalidations sent while Redis was away
(or lost by a restart from a snapshot) can then never surface as stale reads.
"""

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from adapters.cache.redis_lookup import LOOKUP_MANY, STAMP_TTL_SECONDS, lookup_arguments
from adapters.cache.redis_put import PUT_MANY, Write, put_arguments
from adapters.cache.store import (
    EPOCH,
    CacheStore,
    CacheUnavailable,
    CacheUsage,
    generation_key,
    versioned,
)

T = TypeVar("T")
_ERRORS = (RedisError, OSError, TimeoutError)
_Read = tuple[Sequence[str], str, bool]  # generation names, base, checked
_Lookups = tuple[Sequence[_Read], "asyncio.Future[list[tuple[bytes, bytes | None]]]"]  # one caller's
_Puts = tuple[Sequence[Write], "asyncio.Future[None]"]  # one caller's

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
        self._lookup_many = client.register_script(LOOKUP_MANY)
        self._put_many = client.register_script(PUT_MANY)
        self._pending: list[_Lookups] = []  # lookups waiting for this loop iteration's batch
        self._pending_puts: list[_Puts] = []  # likewise for writes of entries
        self._probing = False

    async def stamps(self, names: Sequence[str]) -> list[str]:
        values = await self._call(lambda: self._client.mget(names))
        missing = [name for name, value in zip(names, values, strict=True) if value is None]
        if missing:  # first use, eviction or expiry: a fresh random stamp, never an old one
            await self._call(lambda: self._set_new(missing, only_if_absent=True))
            values = await self._call(lambda: self._client.mget(names))
        return [value.decode() if value is not None else "0" for value in values]

    async def bump(self, names: Sequence[str]) -> None:
        """New stamps, sent with the loop iteration's writes (one script call with the entries put)."""
        ttl_ms = STAMP_TTL_SECONDS * 1000
        await self._write([(name, secrets.token_hex(8).encode(), ttl_ms, None) for name in names])

    async def get(self, key: str) -> bytes | None:
        value: bytes | None = await self._call(lambda: self._client.get(key))
        return value

    async def lookup(
        self, names: Sequence[str], base: str, *, checked: bool = False
    ) -> tuple[str, bytes | None]:
        """Lookups made by concurrent requests in one event-loop iteration share one round trip:
        under load that divides the client's per-command cost (most of a cached read's) by the
        batch size; alone, a lookup waits for nothing."""
        return (await self._enqueue([(names, base, checked)]))[0]

    async def lookup_many(
        self, wanted: Sequence[tuple[Sequence[str], str]]
    ) -> list[tuple[str, bytes | None]]:
        """In the same batch as the loop iteration's other lookups."""
        return await self._enqueue([(names, base, False) for names, base in wanted])

    async def _enqueue(self, reads: Sequence[_Read]) -> list[tuple[str, bytes | None]]:
        """One future per caller, however many reads it makes (a page's twenty summaries)."""
        if not reads:
            return []
        if self._down_until is not None:
            await self._probe()
        loop = asyncio.get_running_loop()
        answered: asyncio.Future[list[tuple[bytes, bytes | None]]] = loop.create_future()
        self._pending.append((reads, answered))
        if len(self._pending) == 1:  # the first of this iteration: send the batch after it
            loop.call_soon(self._in_background, self._lookup_batch)
        return [(key.decode(), value) for key, value in await answered]

    async def put(self, key: str, value: bytes, ttl: float, deps: Mapping[str, str] | None = None) -> None:
        """Batched like lookups: one script call (redis_put) per event-loop iteration."""
        await self._write([(key, value, max(1, int(ttl * 1000)), deps)])

    async def _write(self, writes: Sequence[Write]) -> None:
        """One future per caller, like lookups (a bump of several generations is one caller)."""
        if not writes:
            return
        if self._down_until is not None:
            await self._probe()
        loop = asyncio.get_running_loop()
        written: asyncio.Future[None] = loop.create_future()
        self._pending_puts.append((writes, written))
        if len(self._pending_puts) == 1:  # the first of this iteration: send the batch after it
            loop.call_soon(self._in_background, self._put_batch)
        await written

    def _in_background(self, send: Callable[[], Awaitable[None]]) -> None:
        task = asyncio.ensure_future(send())
        task.add_done_callback(lambda done: done.cancelled() or done.exception())

    async def _lookup_batch(self) -> None:
        batch, self._pending = self._pending, []
        futures = [future for _, future in batch]
        keys, args = lookup_arguments([read for reads, _ in batch for read in reads])
        with _settling(futures):
            answers = await self._call(lambda: self._lookup_many(keys=keys, args=args))
            if len(answers) != 2 * (len(args) - 1):
                raise ValueError(f"the lookup script gave {len(answers)} values for {len(args) - 1} reads")
            start = 0  # the script answers key, entry for each read, in the batch's order
            for reads, future in batch:
                end = start + 2 * len(reads)
                if not future.done():  # its caller may have been cancelled meanwhile
                    mine = answers[start:end]
                    future.set_result(list(zip(mine[::2], mine[1::2], strict=True)))
                start = end

    async def _put_batch(self) -> None:
        batch, self._pending_puts = self._pending_puts, []
        futures = [future for _, future in batch]
        args = put_arguments([write for writes, _ in batch for write in writes])
        with _settling(futures):
            await self._call(lambda: self._put_many(args=args))
            for future in futures:
                if not future.done():
                    future.set_result(None)

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
            # Connections pooled before the outage may be dead: drop them all, so that none fails
            # later, one at a time, each failure tripping the breaker again (flapping).
            await self._client.connection_pool.disconnect()
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


@contextlib.contextmanager
def _settling(futures: Sequence["asyncio.Future[Any]"]) -> Iterator[None]:
    """Whatever goes wrong in a batch, every caller waiting on it gets an answer: CacheUnavailable,
    so it reads from the database. Nobody waits forever on a batch that died."""
    try:
        yield
    except BaseException as error:
        for future in futures:
            if not future.done():
                future.set_exception(CacheUnavailable(f"{type(error).__name__}: {error}"))
        if not isinstance(error, Exception):
            raise  # cancellation, interpreter exit
        if not isinstance(error, CacheUnavailable):  # a Redis error is already logged by the breaker
            logger.exception("cache: a batch of %d Redis calls failed", len(futures))
