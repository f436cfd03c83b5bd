"""Opening a session: what login and registration share."""

from datetime import datetime
from typing import Protocol

from core.users.domain import User
from core.users.ports import SessionLog, SessionRepository, TokenClaims, TokenService
from core.users.sessions import NewSession, SessionPolicy


class Origin(Protocol):
    """Where a login or registration comes from (its command), as shown in the session list."""

    client: str | None
    user_agent: str | None


async def start_session(
    sessions: SessionRepository | SessionLog,
    tokens: TokenService,
    policy: SessionPolicy,
    user: User,
    now: datetime,
    origin: Origin | None,
) -> str:
    """Add a session (inside the caller's transaction, or committed at once by a SessionLog) and
    return its first token."""
    client, agent = (origin.client, origin.user_agent) if origin else (None, None)
    session = NewSession.start(user.id, now=now, policy=policy, client=client, user_agent=agent)
    await sessions.add(session)
    return tokens.issue(TokenClaims(user.id, user.token_version, session.id), session.expires_at)
