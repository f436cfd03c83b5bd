"""Revoke every token of an account."""

from core.shared.actor import Actor
from core.users.use_cases.account_admin import AccountAction
from core.users.use_cases.account_change import AccountChange
from core.users.views import UserDetails


class ForceLogout(AccountChange):
    """Revoke every token of an account (its sessions on all devices)."""

    action, kind = "user.logout", AccountAction.LOGOUT
    ends_sessions = True
    always_changes = True

    async def execute(self, actor: Actor, username: str, reason: str = "") -> UserDetails:
        return await self._apply(actor, username, reason, lambda user, _now: user.revoke_tokens())
