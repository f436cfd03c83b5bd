"""The operators' listing of accounts."""

from core.shared.pagination import PageRequest
from core.users.ports import UserQueries
from core.users.views import UserSummary


class ListUsers:
    """One page of accounts, oldest first, with the total count."""

    def __init__(self, *, queries: UserQueries) -> None:
        self._queries = queries

    async def execute(self, page: PageRequest) -> tuple[list[UserSummary], int]:
        return await self._queries.list_users(page)
