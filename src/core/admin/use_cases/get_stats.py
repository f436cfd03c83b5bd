"""Counts of everything, for moderators and administrators."""

from core.admin.ports import StatsQueries
from core.admin.views import Stats
from core.shared.actor import Actor, Capability


class GetStats:
    """Raises PermissionDenied."""

    def __init__(self, *, queries: StatsQueries) -> None:
        self._queries = queries

    async def execute(self, actor: Actor) -> Stats:
        actor.require(Capability.MODERATE)
        return await self._queries.stats()
