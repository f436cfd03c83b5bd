"""Administrators look at and clear the shared cache."""

from core.admin.ports import CacheControl
from core.admin.views import CacheStats
from core.shared.actor import Actor, Capability


class GetCacheStats:
    """Raises PermissionDenied, Unavailable."""

    def __init__(self, *, cache: CacheControl) -> None:
        self._cache = cache

    async def execute(self, actor: Actor) -> CacheStats:
        actor.require(Capability.MANAGE_CACHE)
        return await self._cache.stats()


class ClearCache:
    """Every cached entry becomes unreachable at once; the next reads go to the database.

    Raises PermissionDenied, Unavailable.
    """

    def __init__(self, *, cache: CacheControl) -> None:
        self._cache = cache

    async def execute(self, actor: Actor) -> None:
        actor.require(Capability.MANAGE_CACHE)
        await self._cache.clear()
