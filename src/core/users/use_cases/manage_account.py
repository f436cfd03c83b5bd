"""Administrative changes to one account: role (admins), ban and forced logout (moderators too, on
plain users' accounts). Each is audited."""

from collections.abc import Callable
from datetime import datetime

from core.shared.actor import Actor
from core.shared.changes import ChangeNotifier
from core.shared.clock import Clock
from core.users.domain import User
from core.users.ports import UsersUnitOfWork
from core.users.use_cases.account_admin import AccountAction, account_named, audit, ensure_may, role_named
from core.users.views import UserDetails


def _state(user: User) -> tuple[object, ...]:
    """What the role, ban and unban changes change."""
    return user.role, user.is_banned


class _AccountChange:
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


class SetRole(_AccountChange):
    """Make an account a user, moderator or admin. Raises UserNotFound, UnknownRole, PermissionDenied."""

    action, kind = "user.set-role", AccountAction.ROLE

    async def execute(self, actor: Actor, username: str, role: str, reason: str = "") -> UserDetails:
        new_role = role_named(role)
        return await self._apply(
            actor, username, reason or f"role {new_role}", lambda user, now: user.assign_role(new_role, now)
        )


class BanUser(_AccountChange):
    """Ban an account: no more logins (403) and every existing token stops working at once."""

    action, kind = "user.ban", AccountAction.BAN
    ends_sessions = True

    async def execute(self, actor: Actor, username: str, reason: str) -> UserDetails:
        return await self._apply(actor, username, reason, lambda user, now: user.ban(reason, now))


class UnbanUser(_AccountChange):
    """Lift a ban. Tokens from before the ban stay revoked: the user logs in again."""

    action, kind = "user.unban", AccountAction.UNBAN

    async def execute(self, actor: Actor, username: str, reason: str = "") -> UserDetails:
        return await self._apply(actor, username, reason, lambda user, now: user.unban(now))


class ForceLogout(_AccountChange):
    """Revoke every token of an account (its sessions on all devices)."""

    action, kind = "user.logout", AccountAction.LOGOUT
    ends_sessions = True
    always_changes = True

    async def execute(self, actor: Actor, username: str, reason: str = "") -> UserDetails:
        return await self._apply(actor, username, reason, lambda user, _now: user.revoke_tokens())
