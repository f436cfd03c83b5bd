"""SQL implementations of the session ports."""

from collections import OrderedDict
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from adapters.persistence.changes import ChangeLog
from adapters.persistence.errors import translated_errors
from adapters.persistence.sql import execute_alone
from adapters.persistence.tables import sessions
from core.users.ports import SessionActivity, SessionLog, SessionRepository
from core.users.sessions import NewSession

_RECENT_TOUCHES = 10_000
# Built once, the row given as parameters: no statement to build and no cache key to compute per call.
_INSERT = sa.insert(sessions)


def _row(new: NewSession) -> dict[str, object]:
    return {
        "id": new.id,
        "user_id": new.user_id,
        "created_at": new.created_at,
        "last_used_at": new.created_at,
        "expires_at": new.expires_at,
        "client": new.client,
        "user_agent": new.user_agent,
    }


class SqlSessionRepository(SessionRepository):
    def __init__(self, session: AsyncSession, changes: ChangeLog) -> None:
        self._session, self._changes = session, changes

    async def add(self, new: NewSession) -> None:
        await self._session.execute(_INSERT, _row(new))

    async def end(self, session_id: str, user_id: int, now: datetime) -> bool:
        result = await self._session.execute(
            sa.update(sessions)
            .where(sessions.c.id == session_id, sessions.c.user_id == user_id, sessions.c.ended_at.is_(None))
            .values(ended_at=now)
        )
        if result.rowcount:  # type: ignore[attr-defined]
            self._changes.sessions.add(session_id)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def end_all(self, user_id: int, now: datetime, *, keep: str | None = None) -> None:
        conditions = [sessions.c.user_id == user_id, sessions.c.ended_at.is_(None)]
        if keep is not None:
            conditions.append(sessions.c.id != keep)
        await self._session.execute(sa.update(sessions).where(*conditions).values(ended_at=now))
        self._changes.accounts.add(user_id)  # every cached session of the account depends on it


class SqlSessionLog(SessionLog):
    """One INSERT on an autocommit engine (`engine.autocommit`): committed when it returns, with no
    BEGIN and COMMIT round trips and no ORM session around it."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def add(self, new: NewSession) -> None:
        async with translated_errors():
            await execute_alone(self._engine, _INSERT, _row(new))


class SqlSessionActivity(SessionActivity):
    """One short write per session and minute at most; remembers its recent writes so that
    concurrent requests of one session in this process write once."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory
        self._recent: OrderedDict[str, datetime] = OrderedDict()

    async def touch(self, session_id: str, now: datetime) -> bool:
        if self._recent.get(session_id) is not None and (now - self._recent[session_id]).total_seconds() < 1:
            return False
        self._recent[session_id] = now
        self._recent.move_to_end(session_id)
        if len(self._recent) > _RECENT_TOUCHES:
            self._recent.popitem(last=False)
        statement = (
            sa.update(sessions)
            .where(sessions.c.id == session_id, sessions.c.last_used_at < now)
            .values(last_used_at=now)
        )
        async with translated_errors(), self._session_factory() as session:
            await session.execute(statement)
            await session.commit()
        return True
