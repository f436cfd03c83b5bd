"""What one account wrote, for the people who moderate it."""

from core.admin.ports import ContentQueries
from core.admin.views import UserActivity
from core.shared.actor import Actor, Capability
from core.shared.errors import NotFound
from core.shared.text import canonical

RECENT = 10


class GetUserActivity:
    """Counts and latest articles and comments of an account. Raises PermissionDenied, NotFound."""

    def __init__(self, *, queries: ContentQueries) -> None:
        self._queries = queries

    async def execute(self, actor: Actor, username: str) -> UserActivity:
        actor.require(Capability.MODERATE)
        activity = await self._queries.user_activity(canonical(username.strip()), RECENT)
        if activity is None:
            raise NotFound("user not found")
        return activity
