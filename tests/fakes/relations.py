"""In-memory fake of the viewer-relations port, on the shared in-memory world."""

from collections.abc import Collection

from core.shared.relations import Flags, ViewerRelations
from tests.fakes.world import InMemoryWorld


class InMemoryViewerRelations(ViewerRelations):
    """A viewer's favorites and follows, as committed."""

    def __init__(self, world: InMemoryWorld) -> None:
        self._world = world

    async def flags(
        self, viewer_id: int, slugs: Collection[str], canonical_usernames: Collection[str]
    ) -> Flags:
        tables = self._world.tables
        favorited = {
            article.slug
            for article in tables.articles.values()
            if article.slug in slugs and (viewer_id, article.id) in tables.favorites
        }
        followed = {
            name for name in canonical_usernames if (viewer_id, self._world.user_id(name)) in tables.follows
        }
        return Flags(favorited=favorited, followed=followed)
