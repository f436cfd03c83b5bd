"""In-memory fake of the viewer-relations port, on the shared in-memory world."""

from collections.abc import Collection

from core.shared.relations import Flags, ViewerRelations
from core.shared.text import canonical
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

    async def all_favorited(self, viewer_id: int, at_most: int) -> set[str] | None:
        tables = self._world.tables
        liked = {article_id for user_id, article_id in tables.favorites if user_id == viewer_id}
        favorited = {a.slug for a in tables.articles.values() if a.id in liked}
        return None if len(favorited) > at_most else favorited

    async def all_followed(self, viewer_id: int, at_most: int) -> set[str] | None:
        tables = self._world.tables
        followed = {
            canonical(self._world.users[followee].username)
            for follower, followee in tables.follows
            if follower == viewer_id
        }
        return None if len(followed) > at_most else followed
