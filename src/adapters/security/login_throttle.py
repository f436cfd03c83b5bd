"""Failed-login limits per key ("pair:<email>|<address>", "client:<address>") in fixed time windows.

Redis shares the counts across processes; when Redis is unreachable the counting goes on in the
process (never fail open), with one warning per outage. In Redis, a key is named by its kind and a
keyed hash (HMAC-SHA-256 with the deployment's secret) of the rest, under the cache prefix: no
e-mail address or client address appears in a key name, and guessing one from a name needs the key.
"""

import contextlib
import hashlib
import hmac
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import RedisError

from core.users.ports import LoginThrottle, ThrottleCheck

logger = logging.getLogger("conduit.login_throttle")
KEY_SPACE = "login-failures:v2:"
_PRUNE_ABOVE = 10_000


@dataclass(frozen=True, slots=True, kw_only=True)
class ThrottleLimits:
    """Failures allowed per window, by key kind (the part before the first ':')."""

    per_kind: Mapping[str, int]
    window_seconds: int

    def limit_for(self, key: str) -> int:
        return self.per_kind.get(key.split(":", 1)[0], min(self.per_kind.values()))


class InProcessLoginThrottle(LoginThrottle):
    """Counts in this process only: right for one process, the fallback for several."""

    def __init__(self, limits: ThrottleLimits) -> None:
        self._limits = limits
        self._counts: dict[str, tuple[int, float]] = {}  # key -> (failures, window end, monotonic)

    async def check(self, keys: list[str]) -> ThrottleCheck:
        now = time.monotonic()
        counted = {key: entry for key in keys if (entry := self._counts.get(key)) and entry[1] > now}
        waits = [end - now for key, (count, end) in counted.items() if count >= self._limits.limit_for(key)]
        return ThrottleCheck(max(1, round(max(waits))) if waits else None, frozenset(counted))

    async def record_failure(self, keys: list[str]) -> None:
        now = time.monotonic()
        if len(self._counts) > _PRUNE_ABOVE:
            self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
        for key in keys:
            count, end = self._counts.get(key, (0, 0.0))
            if end <= now:
                count, end = 0, now + self._limits.window_seconds
            self._counts[key] = (count + 1, end)

    async def reset(self, key: str) -> None:
        self._counts.pop(key, None)


class RedisLoginThrottle(LoginThrottle):
    def __init__(
        self,
        redis: Redis,
        limits: ThrottleLimits,
        fallback: InProcessLoginThrottle,
        *,
        prefix: str,
        secret: str,
    ) -> None:
        self._redis, self._limits, self._fallback = redis, limits, fallback
        self._prefix, self._secret = f"{prefix}{KEY_SPACE}", secret.encode()
        self._degraded = False

    def _name(self, key: str) -> str:
        kind, _, value = key.partition(":")
        keyed = hmac.new(self._secret, value.encode(), hashlib.sha256).hexdigest()[:32]
        return f"{self._prefix}{kind}:{keyed}"

    async def check(self, keys: list[str]) -> ThrottleCheck:
        try:
            counts = dict(zip(keys, await self._redis.mget([self._name(key) for key in keys]), strict=True))
            blocked = [
                key
                for key, count in counts.items()
                if count is not None and int(count) >= self._limits.limit_for(key)
            ]
            ttls = [await self._redis.ttl(self._name(key)) for key in blocked]  # rare: only when blocked
        except (RedisError, OSError) as error:
            await self._degrade(error)
            return await self._fallback.check(keys)
        self._recovered()
        waits = [ttl for ttl in ttls if ttl > 0]
        local = await self._fallback.check(keys)  # counts made while Redis was away still hold
        best = max([*waits, local.retry_after or 0])
        counted = local.counted | {key for key, count in counts.items() if count is not None}
        return ThrottleCheck(best or None, counted)

    async def record_failure(self, keys: list[str]) -> None:
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                for key in keys:
                    pipe.set(self._name(key), 0, ex=self._limits.window_seconds, nx=True)
                    pipe.incr(self._name(key))
                await pipe.execute()
        except (RedisError, OSError) as error:
            await self._degrade(error)
            await self._fallback.record_failure(keys)
        else:
            self._recovered()

    async def reset(self, key: str) -> None:
        await self._fallback.reset(key)
        try:
            await self._redis.delete(self._name(key))
        except (RedisError, OSError) as error:
            await self._degrade(error)

    async def _degrade(self, error: Exception) -> None:
        """Count locally; drop every pooled connection (a dead one reused later would fail again)."""
        with contextlib.suppress(Exception):
            await self._redis.connection_pool.disconnect()
        if not self._degraded:
            self._degraded = True
            logger.warning("redis unreachable, counting failed logins in this process: %s", error)

    def _recovered(self) -> None:
        if self._degraded:
            self._degraded = False
            logger.warning("redis reachable again, failed logins are shared across processes")
