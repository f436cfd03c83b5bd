"""Sessions: one per login or registration, named by the tokens issued for it.

A session ends when its owner logs out or ends it, when an administrator or a new password ends it,
after `idle` without use, and at `expires_at` (the token lifetime from its start).
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

SESSION_ID_BYTES = 16  # 128 random bits, URL-safe: unguessable, and safe in a path or a cache key
USER_AGENT_MAX = 200
CLIENT_MAX = 64
TOUCH_EVERY = timedelta(seconds=60)  # "last used" is written at most this often per session


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionPolicy:
    lifetime: timedelta  # the token lifetime: a session never outlives its first token
    idle: timedelta  # ends after this long without use
    reauth_window: timedelta  # sensitive changes without the current password, this long after login

    def is_live(self, *, last_used_at: datetime, expires_at: datetime, now: datetime) -> bool:
        return now < expires_at and now - last_used_at < self.idle

    def needs_touch(self, last_used_at: datetime, now: datetime) -> bool:
        return now - last_used_at >= min(TOUCH_EVERY, self.idle / 2)


@dataclass(frozen=True, slots=True, kw_only=True)
class NewSession:
    id: str
    user_id: int
    created_at: datetime
    expires_at: datetime
    client: str
    user_agent: str

    @classmethod
    def start(
        cls, user_id: int, *, now: datetime, policy: SessionPolicy, client: str | None, user_agent: str | None
    ) -> "NewSession":
        return cls(
            id=secrets.token_urlsafe(SESSION_ID_BYTES),
            user_id=user_id,
            created_at=now,
            expires_at=now + policy.lifetime,
            client=(client or "")[:CLIENT_MAX],
            user_agent=_printable(user_agent or "")[:USER_AGENT_MAX],
        )


def _printable(text: str) -> str:
    """A header value as a single clean line (control characters would corrupt logs and listings)."""
    return "".join(ch if ch.isprintable() else " " for ch in text).strip()
