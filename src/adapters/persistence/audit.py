"""SQL implementations of the audit trail and its read model."""

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.errors import translated_errors
from adapters.persistence.tables import audit_log
from core.admin.ports import AuditFilters, AuditQueries
from core.shared.audit import AuditEntry, AuditTrail
from core.shared.pagination import PageRequest, Slice


class SqlAuditTrail(AuditTrail):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(self, entry: AuditEntry) -> None:
        values = {
            "actor": entry.actor[:100],
            "action": entry.action,
            "target": entry.target[:200],
            "reason": entry.reason,
            "created_at": entry.at,
        }
        await self._session.execute(sa.insert(audit_log).values(values))


class SqlAuditQueries(AuditQueries):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def entries(self, page: PageRequest, filters: AuditFilters) -> Slice[AuditEntry]:
        query = (
            sa.select(audit_log)
            .where(*_conditions(filters))
            .order_by(audit_log.c.created_at.desc(), audit_log.c.id.desc())
            .limit(page.probe)
            .offset(page.offset)
        )
        async with translated_errors(), self._session_factory() as session:
            rows = (await session.execute(query)).all()
        return Slice.of([_entry(row) for row in rows], page)


def _conditions(filters: AuditFilters) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    if filters.actor:
        conditions.append(audit_log.c.actor == filters.actor)
    if filters.action:
        action = audit_log.c.action
        conditions.append(
            action.startswith(filters.action, autoescape=True)
            if filters.action.endswith(".")
            else action == filters.action
        )
    if filters.target:
        conditions.append(audit_log.c.target == filters.target)
    return conditions


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(
        actor=row.actor, action=row.action, target=row.target, reason=row.reason, at=row.created_at
    )
