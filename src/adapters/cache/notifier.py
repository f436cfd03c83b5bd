"""Invalidation: the core's ChangeNotifier, bumping the generations the vocabulary names."""

from collections.abc import Iterable

from adapters.cache import vocabulary
from adapters.cache.read_through import ReadThrough
from core.shared.changes import ChangeNotifier


class CacheChangeNotifier(ChangeNotifier):
    """Runs after the commit, before the use case answers: the next read anywhere sees the change."""

    def __init__(self, cache: ReadThrough) -> None:
        self._cache = cache

    async def articles_changed(self, slugs: Iterable[str]) -> None:
        await self._cache.bump(vocabulary.articles_changed(slugs))

    async def favorites_changed(self, slugs: Iterable[str]) -> None:
        await self._cache.bump(vocabulary.favorites_changed(slugs))

    async def people_changed(self) -> None:
        await self._cache.bump(vocabulary.people_changed())

    async def account_changed(self, user_id: int) -> None:
        await self._cache.bump(vocabulary.account_changed(user_id))

    async def relations_changed(self, viewer_id: int) -> None:
        await self._cache.bump(vocabulary.relations_changed(viewer_id))


class NoCacheNotifier(ChangeNotifier):
    """With the cache switched off there is nothing to invalidate."""

    async def articles_changed(self, slugs: Iterable[str]) -> None:
        return None

    async def favorites_changed(self, slugs: Iterable[str]) -> None:
        return None

    async def people_changed(self) -> None:
        return None

    async def account_changed(self, user_id: int) -> None:
        return None

    async def relations_changed(self, viewer_id: int) -> None:
        return None
