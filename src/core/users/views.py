"""What the users use cases return: plain data, no password hash."""

from dataclasses import dataclass
from datetime import datetime

from core.shared.actor import Actor, Role
from core.users.domain import User


@dataclass(frozen=True, slots=True, kw_only=True)
class UserView:
    email: str
    username: str
    bio: str
    image: str

    @classmethod
    def of(cls, user: User) -> "UserView":
        return cls(email=user.email, username=user.username, bio=user.bio, image=user.image)


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthenticatedUser:
    user: UserView
    token: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionRef:
    """The session a request was authenticated by."""

    id: str
    authenticated_at: datetime  # when the password was last checked for it (login, registration)
    expires_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class CurrentUser:
    """Who a valid token belongs to, and through which session (None for operator tools)."""

    id: int
    username: str
    role: Role = Role.USER
    session: SessionRef | None = None

    def actor(self) -> Actor:
        return Actor(user_id=self.id, name=self.username, role=self.role)


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionState:
    """What authentication checks on every request: one session with its account (one indexed join)."""

    user_id: int
    username: str
    role: Role
    token_version: int
    banned: bool
    session_id: str
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    ended: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionView:
    """One of the caller's sessions, as listed to them."""

    id: str
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    client: str
    user_agent: str
    current: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class UserSummary:
    """One row of the operators' user listing."""

    id: int
    username: str
    email: str
    role: Role
    banned: bool
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> "UserSummary":
        return cls(**_summary_fields(user))


@dataclass(frozen=True, slots=True, kw_only=True)
class UserDetails(UserSummary):
    """Everything an operator may see about an account (never the password hash)."""

    bio: str
    image: str
    ban_reason: str
    banned_at: datetime | None
    updated_at: datetime
    token_version: int

    @classmethod
    def of(cls, user: User) -> "UserDetails":
        return cls(
            **_summary_fields(user),
            bio=user.bio,
            image=user.image,
            ban_reason=user.ban_reason,
            banned_at=user.banned_at,
            updated_at=user.updated_at,
            token_version=user.token_version,
        )


def _summary_fields(user: User) -> dict[str, object]:
    return {
        "id": user.id,
        "username": user.username,
        "email": user.email,
        "role": user.role,
        "banned": user.is_banned,
        "created_at": user.created_at,
    }
