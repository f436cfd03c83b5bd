"""Administrative changes to one account: role, ban, forced logout. Each is audited."""

from collections.abc import Callable
from datetime import datetime

from core.shared.actor import Actor, Role
from core.shared.clock import Clock
from core.users.domain import User
from core.users.errors import UnknownRole
from core.users.ports import UsersUnitOfWork
from core.users.use_cases.account_admin import account_named, audit, ensure_admin
from core.users.views import UserDetails


class _AccountChange:
    """Load the account, apply one change, audit it, commit: one transaction."""

    action: str

    def __init__(self, *, uow: UsersUnitOfWork, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    async def _apply(
        self, actor: Actor, username: str, reason: str, change: Callable[[User, datetime], None]
    ) -> UserDetails:
        ensure_admin(actor)
        now = self._clock.now()
        async with self._uow as uow:
            user = await account_named(uow, username)
            change(user, now)
            await uow.users.save(user)
            await audit(uow, actor, self.action, user, reason, now)
            await uow.commit()
        return UserDetails.of(user)


class SetRole(_AccountChange):
    """Make an account a user, moderator or admin. Raises UserNotFound, UnknownRole, PermissionDenied."""

    action = "user.set-role"

    async def execute(self, actor: Actor, username: str, role: str, reason: str = "") -> UserDetails:
        try:
            new_role = Role(role.strip().lower())
        except ValueError as error:
            raise UnknownRole([r.value for r in Role]) from error
        return await self._apply(
            actor, username, reason or f"role {new_role}", lambda user, now: user.assign_role(new_role, now)
        )


class BanUser(_AccountChange):
    """Ban an account: no more logins (403) and every existing token stops working at once."""

    action = "user.ban"

    async def execute(self, actor: Actor, username: str, reason: str) -> UserDetails:
        return await self._apply(actor, username, reason, lambda user, now: user.ban(reason, now))


class UnbanUser(_AccountChange):
    """Lift a ban. Tokens from before the ban stay revoked: the user logs in again."""

    action = "user.unban"

    async def execute(self, actor: Actor, username: str, reason: str = "") -> UserDetails:
        return await self._apply(actor, username, reason, lambda user, now: user.unban(now))


class ForceLogout(_AccountChange):
    """Revoke every token of an account (its sessions on all devices)."""

    action = "user.logout"

    async def execute(self, actor: Actor, username: str, reason: str = "") -> UserDetails:
        return await self._apply(actor, username, reason, lambda user, _now: user.revoke_tokens())
