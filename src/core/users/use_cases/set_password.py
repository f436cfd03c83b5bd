"""An administrator sets a new password for an account."""

from core.shared.actor import Actor
from core.shared.clock import Clock
from core.users.domain import Password
from core.users.ports import PasswordHasher, UsersUnitOfWork
from core.users.use_cases.account_admin import account_named, audit, ensure_admin
from core.users.views import UserDetails


class SetPassword:
    """Hash and store a new password, revoking the account's tokens. Audited (never the password).

    Raises InvalidInput, UserNotFound, PermissionDenied.
    """

    def __init__(self, *, uow: UsersUnitOfWork, hasher: PasswordHasher, clock: Clock) -> None:
        self._uow, self._hasher, self._clock = uow, hasher, clock

    async def execute(self, actor: Actor, username: str, password: str, reason: str = "") -> UserDetails:
        ensure_admin(actor)
        password_hash = await self._hasher.hash(Password(password).value)
        now = self._clock.now()
        async with self._uow as uow:
            user = await account_named(uow, username)
            user.change_password(password_hash, now)
            await uow.users.save(user)
            await audit(uow, actor, "user.set-password", user, reason, now)
            await uow.commit()
        return UserDetails.of(user)
