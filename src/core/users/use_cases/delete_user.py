"""An administrator deletes an account."""

from core.shared.actor import Actor
from core.shared.clock import Clock
from core.users.ports import UsersUnitOfWork
from core.users.use_cases.account_admin import account_named, audit, ensure_admin


class DeleteUser:
    """Delete the account with its articles, comments, favorites and follows, in one transaction.

    Raises UserNotFound, PermissionDenied.
    """

    def __init__(self, *, uow: UsersUnitOfWork, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    async def execute(self, actor: Actor, username: str, reason: str = "") -> None:
        ensure_admin(actor)
        async with self._uow as uow:
            user = await account_named(uow, username)
            await audit(uow, actor, "user.delete", user, reason, self._clock.now())
            await uow.users.delete(user.id)
            await uow.commit()
