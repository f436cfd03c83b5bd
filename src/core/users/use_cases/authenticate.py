"""Turn a bearer token into the user it belongs to."""

from core.users.errors import InvalidToken
from core.users.ports import TokenService, UserQueries
from core.users.views import CurrentUser


class Authenticate:
    """Raises NotAuthenticated for a bad or expired token, or when its account no longer exists."""

    def __init__(self, *, queries: UserQueries, tokens: TokenService) -> None:
        self._queries, self._tokens = queries, tokens

    async def execute(self, token: str) -> CurrentUser:
        user = await self._queries.current_user(self._tokens.read(token))
        if user is None:
            raise InvalidToken
        return user
