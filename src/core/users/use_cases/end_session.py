"""End one of the caller's sessions (log out there)."""

from core.shared.changes import ChangeNotifier
from core.shared.clock import Clock
from core.users.errors import SessionNotFound
from core.users.ports import UsersUnitOfWork
from core.users.views import CurrentUser


class EndSession:
    """Tokens of the ended session are refused on the very next request, by every server.

    Raises SessionNotFound for an unknown id, another user's session, or one already ended
    (no difference is visible, so ids of other users cannot be probed).
    """

    def __init__(self, *, uow: UsersUnitOfWork, clock: Clock, changes: ChangeNotifier) -> None:
        self._uow, self._clock, self._changes = uow, clock, changes  # changes: ensure_revocable only

    async def execute(self, caller: CurrentUser, session_id: str) -> None:
        await self._changes.ensure_revocable()
        async with self._uow as uow:
            if not await uow.sessions.end(session_id, caller.id, self._clock.now()):
                raise SessionNotFound
            await uow.commit()  # the unit of work tells the caches the session ended

    async def current(self, caller: CurrentUser) -> None:
        """Log out: end the session the caller authenticated with."""
        if caller.session is None:
            raise SessionNotFound
        await self.execute(caller, caller.session.id)
