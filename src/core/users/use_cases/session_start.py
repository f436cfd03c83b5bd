"""Opening a session: what login and registration share."""

from datetime import datetime

from core.users.domain import User
from core.users.ports import TokenClaims, TokenService, UsersUnitOfWork
from core.users.sessions import NewSession, SessionPolicy


async def start_session(
    uow: UsersUnitOfWork,
    tokens: TokenService,
    policy: SessionPolicy,
    user: User,
    *,
    now: datetime,
    client: str | None,
    user_agent: str | None,
) -> str:
    """Add a session inside the caller's transaction and return its first token."""
    session = NewSession.start(user.id, now=now, policy=policy, client=client, user_agent=user_agent)
    await uow.sessions.add(session)
    return tokens.issue(TokenClaims(user.id, user.token_version, session.id), session.expires_at)
