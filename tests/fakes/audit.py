"""The in-memory audit trail every fake unit of work shares: entries go to the list it is given."""

from core.shared.audit import AuditEntry, AuditTrail


class InMemoryAuditTrail(AuditTrail):
    def __init__(self, entries: list[AuditEntry]) -> None:
        self._entries = entries

    async def record(self, entry: AuditEntry) -> None:
        self._entries.append(entry)
