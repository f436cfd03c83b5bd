"""Read the audit log."""

from core.admin.ports import AuditFilters, AuditQueries
from core.shared.actor import Actor, Capability
from core.shared.audit import AuditEntry
from core.shared.pagination import PageRequest, Slice


class ListAuditLog:
    """Newest first. Raises PermissionDenied, InvalidInput for a bad page."""

    def __init__(self, *, queries: AuditQueries) -> None:
        self._queries = queries

    async def execute(
        self, actor: Actor, page: PageRequest, filters: AuditFilters | None = None
    ) -> Slice[AuditEntry]:
        actor.require(Capability.MODERATE)
        return await self._queries.entries(page, filters or AuditFilters())
