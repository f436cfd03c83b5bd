"""An administrator sets a new password for an account."""

from core.shared.actor import Actor
from core.shared.changes import ChangeNotifier
from core.shared.clock import Clock
from core.users.domain import Password
from core.users.passwords import PasswordRules
from core.users.ports import PasswordHasher, UsersUnitOfWork
from core.users.use_cases.account_admin import AccountAction, account_named, audit, ensure_may
from core.users.views import UserDetails


class SetPassword:
    """Hash and store a new password, revoking the account's tokens. Audited (never the password).

    Raises InvalidInput, UserNotFound, PermissionDenied.
    """

    def __init__(
        self,
        *,
        uow: UsersUnitOfWork,
        hasher: PasswordHasher,
        clock: Clock,
        changes: ChangeNotifier,
        passwords: PasswordRules,
    ) -> None:
        self._uow, self._hasher, self._clock, self._changes = uow, hasher, clock, changes
        self._passwords = passwords

    async def execute(self, actor: Actor, username: str, password: str, reason: str = "") -> UserDetails:
        ensure_may(actor, AccountAction.PASSWORD)
        Password(password)
        async with self._uow as uow:  # a read: the rules need the account's names
            before = await account_named(uow, username)
        self._passwords.check(password, username=before.username, email=before.email)
        await self._changes.ensure_revocable()
        password_hash = await self._hasher.hash(password)
        now = self._clock.now()
        async with self._uow as uow:
            user = await account_named(uow, username)
            user.change_password(password_hash, now)
            await uow.users.save(user)
            await uow.sessions.end_all(user.id, now)
            await audit(uow, actor, "user.set-password", user, reason, now)
            await uow.commit()
        return UserDetails.of(user)
