"""Invalidation: the core's ChangeNotifier, bumping the generations that cached entries carry."""

from collections.abc import Iterable

from adapters.cache.queries import (
    LISTS,
    PEOPLE,
    account_generation,
    article_generation,
    viewer_generation,
)
from adapters.cache.read_through import ReadThrough
from core.shared.changes import ChangeNotifier


class CacheChangeNotifier(ChangeNotifier):
    """Runs after the commit, before the use case answers: the next read anywhere sees the change."""

    def __init__(self, cache: ReadThrough) -> None:
        self._cache = cache

    async def articles_changed(self, slugs: Iterable[str]) -> None:
        # Lists hold counts, tags and favorites filters of any article, so every list page goes too.
        await self._cache.bump([LISTS, *(article_generation(slug) for slug in slugs)])

    async def people_changed(self) -> None:
        # Rare, and a user appears on every page of theirs: one generation for all people.
        await self._cache.bump([PEOPLE])

    async def account_changed(self, user_id: int) -> None:
        await self._cache.bump([account_generation(user_id)])

    async def relations_changed(self, viewer_id: int) -> None:
        await self._cache.bump([viewer_generation(viewer_id)])


class NoCacheNotifier(ChangeNotifier):
    """With the cache switched off there is nothing to invalidate."""

    async def articles_changed(self, slugs: Iterable[str]) -> None:
        return None

    async def people_changed(self) -> None:
        return None

    async def account_changed(self, user_id: int) -> None:
        return None

    async def relations_changed(self, viewer_id: int) -> None:
        return None
