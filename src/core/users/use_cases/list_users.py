"""The operators' listing of accounts."""

from core.shared.pagination import PageRequest
from core.users.ports import UserFilters, UserQueries
from core.users.views import UserSummary


class ListUsers:
    """One page of accounts, oldest first, with the number of matching accounts."""

    def __init__(self, *, queries: UserQueries) -> None:
        self._queries = queries

    async def execute(
        self, page: PageRequest, filters: UserFilters | None = None
    ) -> tuple[list[UserSummary], int]:
        return await self._queries.list_users(page, filters or UserFilters())
