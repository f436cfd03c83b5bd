"""What the administrative changes to one account share: role (admins), ban, unban and forced logout
(moderators too, on plain users' accounts), each in one audited transaction."""

from collections.abc import Callable
from datetime import datetime

from core.shared.actor import Actor
from core.shared.changes import ChangeNotifier
from core.shared.clock import Clock
from core.users.domain import User
from core.users.ports import UsersUnitOfWork
from core.users.use_cases.account_admin import AccountAction, account_named, audit, ensure_may
from core.users.views import UserDetails


def _state(user: User) -> tuple[object, ...]:
    """What the role, ban and unban changes change."""
    return user.role, user.is_banned


class AccountChange:
    """Load the account, apply one change, audit it, commit: one transaction."""

    action: str  # what the audit log records
    kind: AccountAction  # what the actor must be allowed to do
    ends_sessions = False  # every session of the account ends with the change
    always_changes = False  # True: a change even when role and ban stay as they were

    def __init__(self, *, uow: UsersUnitOfWork, clock: Clock, changes: ChangeNotifier) -> None:
        # The unit of work tells the caches what changed; `changes` only checks a revocation can reach them.
        self._uow, self._clock, self._changes = uow, clock, changes

    async def _apply(
        self, actor: Actor, username: str, reason: str, change: Callable[[User, datetime], None]
    ) -> UserDetails:
        ensure_may(actor, self.kind)
        await self._changes.ensure_revocable()
        now = self._clock.now()
        async with self._uow as uow:
            user = await account_named(uow, username, for_update=True)  # concurrent changes wait here
            ensure_may(actor, self.kind, user.role)
            before = _state(user)
            change(user, now)
            if not self.always_changes and _state(user) == before:
                return UserDetails.of(user)  # already so (a second ban, the same role): no change, no audit
            if self.ends_sessions:
                await uow.sessions.end_all(user.id, now)
            await uow.users.save(user)
            await audit(uow, actor, self.action, user, reason, now)
            await uow.commit()
        return UserDetails.of(user)
