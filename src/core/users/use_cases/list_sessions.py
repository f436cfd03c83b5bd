"""The caller's own sessions."""

import dataclasses

from core.shared.clock import Clock
from core.users.ports import UserQueries
from core.users.sessions import SessionPolicy
from core.users.views import CurrentUser, SessionView


class ListSessions:
    """The caller's running sessions, newest first, the one in use marked `current`."""

    def __init__(self, *, queries: UserQueries, clock: Clock, policy: SessionPolicy) -> None:
        self._queries, self._clock, self._policy = queries, clock, policy

    async def execute(self, caller: CurrentUser) -> list[SessionView]:
        now = self._clock.now()
        current = caller.session.id if caller.session else None
        return [
            dataclasses.replace(s, current=s.id == current)
            for s in await self._queries.sessions_of(caller.id)
            if self._policy.is_live(last_used_at=s.last_used_at, expires_at=s.expires_at, now=now)
        ]
