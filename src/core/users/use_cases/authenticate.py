"""Turn a bearer token into the user it belongs to."""

from core.users.errors import InvalidToken
from core.users.ports import TokenService, UserQueries
from core.users.views import CurrentUser


class Authenticate:
    """Checks the signature and expiry, then the account on every call (one indexed lookup):
    it must exist, not be banned, and not have revoked the token (password change, forced logout).

    Raises NotAuthenticated.
    """

    def __init__(self, *, queries: UserQueries, tokens: TokenService) -> None:
        self._queries, self._tokens = queries, tokens

    async def execute(self, token: str) -> CurrentUser:
        claims = self._tokens.read(token)
        account = await self._queries.account_state(claims.user_id)
        if account is None:
            raise InvalidToken
        if account.banned or account.token_version != claims.version:
            raise InvalidToken("token has been revoked")
        return CurrentUser(id=account.id, username=account.username, role=account.role)
