"""Make an account a user, moderator or admin."""

from core.shared.actor import Actor
from core.users.use_cases.account_admin import AccountAction, role_named
from core.users.use_cases.account_change import AccountChange
from core.users.views import UserDetails


class SetRole(AccountChange):
    """Make an account a user, moderator or admin. Raises UserNotFound, UnknownRole, PermissionDenied."""

    action, kind = "user.set-role", AccountAction.ROLE

    async def execute(self, actor: Actor, username: str, role: str, reason: str = "") -> UserDetails:
        new_role = role_named(role)
        return await self._apply(
            actor, username, reason or f"role {new_role}", lambda user, now: user.assign_role(new_role, now)
        )
