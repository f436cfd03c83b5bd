"""POST /api/users, POST /api/users/login, GET and PUT /api/user."""

from typing import Any

from litestar import Controller, Request, get, post, put
from litestar.di import NamedDependency
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from core.users import (
    GetCurrentUser,
    LogIn,
    LogInCommand,
    RegisterUser,
    RegisterUserCommand,
    UpdateUser,
    UpdateUserCommand,
)
from core.users.views import AuthenticatedUser
from entrypoints.http.auth import SECURITY, bearer_token, signed_in
from entrypoints.http.openapi import documented
from entrypoints.http.users.schemas import LoginUserRequest, NewUserRequest, UpdateUserRequest, UserResponse

TAGS = ["User and Authentication"]


class UsersController(Controller):
    path = "/users"
    tags = TAGS

    @post(
        status_code=HTTP_201_CREATED, operation_id="CreateUser", **documented(422), summary="Register a user"
    )
    async def register(
        self, data: JSONBody[NewUserRequest], register_user: NamedDependency[RegisterUser]
    ) -> UserResponse:
        user = data.user
        command = RegisterUserCommand(username=user.username, email=user.email, password=user.password)
        return UserResponse.of(await register_user.execute(command))

    @post(
        "/login",
        status_code=HTTP_200_OK,
        operation_id="Login",
        **documented(401, 403, 422, 429),
        summary="Log in",
    )
    async def login(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[LoginUserRequest],
        log_in: NamedDependency[LogIn],
    ) -> UserResponse:
        client = request.client.host if request.client else None  # the proxy's view, see README
        command = LogInCommand(email=data.user.email, password=data.user.password, client=client)
        return UserResponse.of(await log_in.execute(command))


class CurrentUserController(Controller):
    path = "/user"
    tags = TAGS

    @get(operation_id="GetCurrentUser", **documented(401), summary="Get the current user", security=SECURITY)
    async def get_current(
        self,
        request: Request[Any, Any, Any],
        get_current_user: NamedDependency[GetCurrentUser],
    ) -> UserResponse:
        current_user = await signed_in(request)
        view = await get_current_user.execute(current_user.id)
        token = bearer_token(request) or ""  # the token the caller presented, which is valid
        return UserResponse.of(AuthenticatedUser(user=view, token=token))

    @put(
        operation_id="UpdateCurrentUser",
        **documented(401, 422),
        summary="Update the current user",
        security=SECURITY,
    )
    async def update_current(
        self,
        data: JSONBody[UpdateUserRequest],
        request: Request[Any, Any, Any],
        update_user: NamedDependency[UpdateUser],
    ) -> UserResponse:
        current_user = await signed_in(request)
        changes = data.user
        command = UpdateUserCommand(
            user_id=current_user.id,
            email=changes.email,
            username=changes.username,
            password=changes.password,
            bio=changes.bio,
            image=changes.image,
        )
        return UserResponse.of(await update_user.execute(command))
