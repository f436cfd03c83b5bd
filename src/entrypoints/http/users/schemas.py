"""Request and response bodies of the user endpoints, in the RealWorld envelopes.

Unknown fields are ignored (front ends send whole objects back); `null` means "not given".
"""

import msgspec

from core.users.views import AuthenticatedUser, SessionView
from entrypoints.http.common import Timestamp, timestamp


class NewUser(msgspec.Struct):
    username: str
    email: str
    password: str


class NewUserRequest(msgspec.Struct):
    user: NewUser


class LoginUser(msgspec.Struct):
    email: str
    password: str


class LoginUserRequest(msgspec.Struct):
    user: LoginUser


class UpdateUser(msgspec.Struct, rename="camel"):
    email: str | None = None
    password: str | None = None
    username: str | None = None
    bio: str | None = None
    image: str | None = None
    current_password: str | None = None  # needed to change email or password (see UpdateUserCommand)


class UpdateUserRequest(msgspec.Struct):
    user: UpdateUser


class User(msgspec.Struct):
    email: str
    token: str
    username: str
    bio: str
    image: str


class UserResponse(msgspec.Struct):
    user: User

    @classmethod
    def of(cls, authenticated: AuthenticatedUser) -> "UserResponse":
        view = authenticated.user
        return cls(
            User(
                email=view.email,
                token=authenticated.token,
                username=view.username,
                bio=view.bio,
                image=view.image,
            )
        )


class Session(msgspec.Struct, rename="camel"):
    id: str
    created_at: Timestamp
    last_used_at: Timestamp
    expires_at: Timestamp
    client_address: str
    user_agent: str
    current: bool


class SessionsResponse(msgspec.Struct):
    sessions: list[Session]

    @classmethod
    def of(cls, views: list[SessionView]) -> "SessionsResponse":
        return cls(
            [
                Session(
                    id=v.id,
                    created_at=timestamp(v.created_at),
                    last_used_at=timestamp(v.last_used_at),
                    expires_at=timestamp(v.expires_at),
                    client_address=v.client,
                    user_agent=v.user_agent,
                    current=v.current,
                )
                for v in views
            ]
        )
