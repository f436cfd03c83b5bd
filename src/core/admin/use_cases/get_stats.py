"""Counts of everything, for operators."""

from core.admin.ports import StatsQueries
from core.admin.views import Stats


class GetStats:
    def __init__(self, *, queries: StatsQueries) -> None:
        self._queries = queries

    async def execute(self) -> Stats:
        return await self._queries.stats()
