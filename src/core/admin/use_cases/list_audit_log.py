"""Read the audit log."""

from core.admin.ports import AuditFilters, AuditQueries
from core.shared.audit import AuditEntry
from core.shared.pagination import PageRequest


class ListAuditLog:
    """Newest first; raises InvalidInput for a bad page."""

    def __init__(self, *, queries: AuditQueries) -> None:
        self._queries = queries

    async def execute(
        self, page: PageRequest, filters: AuditFilters | None = None
    ) -> tuple[list[AuditEntry], int]:
        return await self._queries.entries(page, filters or AuditFilters())
