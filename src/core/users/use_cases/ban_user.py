"""Ban an account."""

from core.shared.actor import Actor
from core.users.use_cases.account_admin import AccountAction
from core.users.use_cases.account_change import AccountChange
from core.users.views import UserDetails


class BanUser(AccountChange):
    """Ban an account: no more logins (403) and every existing token stops working at once."""

    action, kind = "user.ban", AccountAction.BAN
    ends_sessions = True

    async def execute(self, actor: Actor, username: str, reason: str) -> UserDetails:
        return await self._apply(actor, username, reason, lambda user, now: user.ban(reason, now))
