"""An administrator deletes an account."""

from core.shared.actor import Actor
from core.shared.changes import ChangeNotifier
from core.shared.clock import Clock
from core.users.ports import UsersUnitOfWork
from core.users.use_cases.account_admin import AccountAction, account_named, audit, ensure_may


class DeleteUser:
    """Delete the account with its articles, comments, favorites and follows, in one transaction.

    Raises UserNotFound, PermissionDenied.
    """

    def __init__(self, *, uow: UsersUnitOfWork, clock: Clock, changes: ChangeNotifier) -> None:
        # The unit of work tells the caches what changed; `changes` only checks a revocation can reach them.
        self._uow, self._clock, self._changes = uow, clock, changes

    async def execute(self, actor: Actor, username: str, reason: str = "") -> None:
        ensure_may(actor, AccountAction.DELETE)
        await self._changes.ensure_revocable()
        async with self._uow as uow:
            user = await account_named(uow, username)
            ensure_may(actor, AccountAction.DELETE, user.role)
            await audit(uow, actor, "user.delete", user, reason, self._clock.now())
            await uow.users.delete(user.id)
            await uow.commit()
