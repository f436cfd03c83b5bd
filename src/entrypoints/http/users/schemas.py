"""Request and response bodies of the user endpoints, in the RealWorld envelopes.

Unknown fields are ignored (front ends send whole objects back); `null` means "not given".
"""

import msgspec

from core.users.views import AuthenticatedUser


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


class UpdateUser(msgspec.Struct):
    email: str | None = None
    password: str | None = None
    username: str | None = None
    bio: str | None = None
    image: str | None = None


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
