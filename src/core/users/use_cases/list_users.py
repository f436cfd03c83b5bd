"""The operators' listing of accounts."""

from core.shared.actor import Actor, Capability
from core.shared.pagination import PageRequest, Slice
from core.users.ports import UserFilters, UserQueries
from core.users.views import UserSummary


class ListUsers:
    """One page of matching accounts, oldest first. Raises PermissionDenied, InvalidInput."""

    def __init__(self, *, queries: UserQueries) -> None:
        self._queries = queries

    async def execute(
        self, actor: Actor, page: PageRequest, filters: UserFilters | None = None
    ) -> Slice[UserSummary]:
        actor.require(Capability.MODERATE)
        return await self._queries.list_users(page, filters or UserFilters())
