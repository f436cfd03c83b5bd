"""Turn a bearer token into the user and session it belongs to."""

from core.shared.changes import ChangeNotifier
from core.shared.clock import Clock
from core.users.errors import InvalidToken
from core.users.ports import SessionActivity, TokenService, UserQueries
from core.users.sessions import SessionPolicy
from core.users.views import CurrentUser, SessionRef


class Authenticate:
    """Checks the signature, audience and expiry, then on every call the session with its account
    (one lookup): the account exists and is not banned, the token version is current, and the
    session was not ended, is not idle for longer than the policy allows and has not expired.

    Use is recorded at most once a minute per session (SessionPolicy.needs_touch), not per request.

    Raises NotAuthenticated.
    """

    def __init__(
        self,
        *,
        queries: UserQueries,
        tokens: TokenService,
        clock: Clock,
        policy: SessionPolicy,
        activity: SessionActivity,
        changes: ChangeNotifier,
    ) -> None:
        self._queries, self._tokens, self._clock, self._policy = queries, tokens, clock, policy
        self._activity, self._changes = activity, changes

    async def execute(self, token: str) -> CurrentUser:
        claims = self._tokens.read(token)
        state = await self._queries.session_state(claims.user_id, claims.session_id)
        if state is None:
            raise InvalidToken
        if state.banned or state.token_version != claims.version or state.ended:
            raise InvalidToken("token has been revoked")
        now = self._clock.now()
        if not self._policy.is_live(last_used_at=state.last_used_at, expires_at=state.expires_at, now=now):
            raise InvalidToken("session has expired")
        if self._policy.needs_touch(state.last_used_at, now) and await self._activity.touch(
            state.session_id, now
        ):
            await self._changes.session_changed(state.session_id)  # cached copies carry last_used_at
        return CurrentUser(
            id=state.user_id,
            username=state.username,
            role=state.role,
            session=SessionRef(
                id=state.session_id, authenticated_at=state.created_at, expires_at=state.expires_at
            ),
        )
