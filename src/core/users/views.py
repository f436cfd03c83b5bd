"""What the users use cases return: plain data, no password hash."""

from dataclasses import dataclass
from datetime import datetime

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
class CurrentUser:
    """Who a valid token belongs to."""

    id: int
    username: str


@dataclass(frozen=True, slots=True, kw_only=True)
class UserSummary:
    """One row of the operators' user listing."""

    id: int
    username: str
    email: str
    created_at: datetime
