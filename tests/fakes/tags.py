"""In-memory fake of the tags port, on the shared in-memory world."""

from collections import Counter

from core.tags.ports import TagQueries
from tests.fakes.world import InMemoryWorld


class InMemoryTagQueries(TagQueries):
    def __init__(self, world: InMemoryWorld) -> None:
        self._world = world

    async def most_used(self, limit: int) -> list[str]:
        uses = Counter(tag for article in self._world.tables.articles.values() for tag in article.tags)
        return sorted(uses, key=lambda tag: (-uses[tag], tag))[:limit]
