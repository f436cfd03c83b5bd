"""Operators look at and clear the shared cache."""

from core.admin.ports import CacheControl
from core.admin.views import CacheStats


class GetCacheStats:
    def __init__(self, *, cache: CacheControl) -> None:
        self._cache = cache

    async def execute(self) -> CacheStats:
        return await self._cache.stats()


class ClearCache:
    """Every cached entry becomes unreachable at once; the next reads go to the database."""

    def __init__(self, *, cache: CacheControl) -> None:
        self._cache = cache

    async def execute(self) -> None:
        await self._cache.clear()
