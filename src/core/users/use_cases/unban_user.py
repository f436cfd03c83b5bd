"""Lift a ban."""

from core.shared.actor import Actor
from core.users.use_cases.account_admin import AccountAction
from core.users.use_cases.account_change import AccountChange
from core.users.views import UserDetails


class UnbanUser(AccountChange):
    """Lift a ban. Tokens from before the ban stay revoked: the user logs in again."""

    action, kind = "user.unban", AccountAction.UNBAN

    async def execute(self, actor: Actor, username: str, reason: str = "") -> UserDetails:
        return await self._apply(actor, username, reason, lambda user, now: user.unban(now))
