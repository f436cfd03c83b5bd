"""The operators' view of the cache: usage, and clearing by a new epoch (no key scans)."""

from adapters.cache.read_through import ReadThrough
from adapters.cache.store import EPOCH, CacheStore, CacheUnavailable
from core.admin.ports import CacheControl
from core.admin.views import CacheStats
from core.shared.errors import Unavailable


class StoreCacheControl(CacheControl):
    def __init__(self, store: CacheStore, cache: ReadThrough) -> None:
        self._store, self._cache = store, cache

    async def stats(self) -> CacheStats:
        try:
            usage = await self._store.usage()
        except CacheUnavailable as error:
            raise Unavailable(f"the cache is unavailable: {error}") from error
        return CacheStats(
            backend=usage.backend,
            shared=usage.backend == "redis",
            entries=usage.entries,
            memory_bytes=usage.memory_bytes,
        )

    async def clear(self) -> None:
        try:
            await self._store.ping()
        except CacheUnavailable as error:
            raise Unavailable(f"the cache is unavailable: {error}") from error
        await self._cache.bump([EPOCH])  # every key carries the epoch's stamp
