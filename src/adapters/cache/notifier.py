"""Invalidation: the core's ChangeNotifier, bumping the generations that cached entries carry."""

from collections.abc import Iterable

from adapters.cache.queries import LISTS, PEOPLE, article_generation
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


class NoCacheNotifier(ChangeNotifier):
    """With the cache switched off there is nothing to invalidate."""

    async def articles_changed(self, slugs: Iterable[str]) -> None:
        return None

    async def people_changed(self) -> None:
        return None
