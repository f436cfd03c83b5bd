"""Read the caller's own account."""

from core.users.errors import UserNotFound
from core.users.ports import UserQueries
from core.users.views import UserView


class GetCurrentUser:
    """Raises UserNotFound when the account was deleted meanwhile."""

    def __init__(self, *, queries: UserQueries) -> None:
        self._queries = queries

    async def execute(self, user_id: int) -> UserView:
        user = await self._queries.user_view(user_id)
        if user is None:
            raise UserNotFound
        return user
