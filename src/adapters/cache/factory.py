"""Pick the store: Redis when a URL is configured, otherwise the in-process one."""

from adapters.cache.memory import MemoryCacheStore
from adapters.cache.redis_store import RedisCacheStore, make_redis
from adapters.cache.store import CacheStore


def make_cache_store(
    redis_url: str | None, *, prefix: str, timeout: float, retry_after: float, max_entries: int
) -> CacheStore:
    if redis_url:
        return RedisCacheStore(make_redis(redis_url, timeout), prefix=prefix, retry_after=retry_after)
    return MemoryCacheStore(max_entries)
