"""Read a profile."""

from core.profiles.errors import ProfileNotFound
from core.profiles.ports import ProfileQueries
from core.shared.profiles import ProfileView
from core.shared.relations import ViewerRelations, with_following
from core.shared.text import canonical


class GetProfile:
    """Raises ProfileNotFound. Usernames match case-insensitively."""

    def __init__(self, *, queries: ProfileQueries, relations: ViewerRelations) -> None:
        self._queries, self._relations = queries, relations

    async def execute(self, username: str, viewer_id: int | None) -> ProfileView:
        found = await self._queries.find(canonical(username))
        if found is None:
            raise ProfileNotFound
        return (await with_following(self._relations, viewer_id, [found.profile]))[0]
