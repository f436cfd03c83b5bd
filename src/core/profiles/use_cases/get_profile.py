"""Read a profile."""

from core.profiles.errors import ProfileNotFound
from core.profiles.ports import ProfileQueries
from core.shared.profiles import ProfileView
from core.shared.text import canonical


class GetProfile:
    """Raises ProfileNotFound. Usernames match case-insensitively."""

    def __init__(self, *, queries: ProfileQueries) -> None:
        self._queries = queries

    async def execute(self, username: str, viewer_id: int | None) -> ProfileView:
        found = await self._queries.find(canonical(username), viewer_id)
        if found is None:
            raise ProfileNotFound
        return found.profile
