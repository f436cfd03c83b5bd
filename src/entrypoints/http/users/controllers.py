"""POST /api/users, /api/users/login and /api/users/logout; GET and PUT /api/user; the caller's
sessions at /api/user/sessions."""

from typing import Any

from litestar import Controller, Request, delete, get, post, put
from litestar.datastructures import CacheControlHeader
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from core.users import (
    EndSession,
    GetCurrentUser,
    ListSessions,
    LogIn,
    LogInCommand,
    RegisterUser,
    RegisterUserCommand,
    UpdateUser,
    UpdateUserCommand,
)
from core.users.views import AuthenticatedUser
from entrypoints.clients import client_address
from entrypoints.http.auth import SECURITY, bearer_token, signed_in
from entrypoints.http.openapi import documented
from entrypoints.http.users.schemas import (
    LoginUserRequest,
    NewUserRequest,
    SessionsResponse,
    UpdateUserRequest,
    UserResponse,
)

TAGS = ["User and Authentication"]
NO_STORE = CacheControlHeader(no_store=True)  # answers that carry a token are never stored anywhere


class UsersController(Controller):
    path = "/users"
    tags = TAGS

    @post(
        status_code=HTTP_201_CREATED,
        operation_id="CreateUser",
        **documented(422),
        summary="Register a user",
        cache_control=NO_STORE,
    )
    async def register(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[NewUserRequest],
        register_user: NamedDependency[RegisterUser],
    ) -> UserResponse:
        user = data.user
        command = RegisterUserCommand(
            username=user.username,
            email=user.email,
            password=user.password,
            client=client_address(request),
            user_agent=request.headers.get("user-agent"),
        )
        return UserResponse.of(await register_user.execute(command))

    @post(
        "/login",
        status_code=HTTP_200_OK,
        operation_id="Login",
        **documented(401, 403, 422, 429),
        summary="Log in",
        description="Opens a session (see `/api/user/sessions`); the token names it.",
        cache_control=NO_STORE,
    )
    async def login(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[LoginUserRequest],
        log_in: NamedDependency[LogIn],
    ) -> UserResponse:
        command = LogInCommand(
            email=data.user.email,
            password=data.user.password,
            client=client_address(request),
            user_agent=request.headers.get("user-agent"),
        )
        return UserResponse.of(await log_in.execute(command))

    @post(
        "/logout",
        status_code=HTTP_204_NO_CONTENT,
        operation_id="Logout",
        **documented(401),
        summary="Log out: end the session of the token sent",
        security=SECURITY,
    )
    async def logout(self, request: Request[Any, Any, Any], end_session: NamedDependency[EndSession]) -> None:
        await end_session.current(await signed_in(request))


class CurrentUserController(Controller):
    path = "/user"
    tags = TAGS

    @get(
        operation_id="GetCurrentUser",
        **documented(401),
        summary="Get the current user",
        security=SECURITY,
        cache_control=NO_STORE,
    )
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
        **documented(401, 403, 422, 429),
        summary="Update the current user",
        description=(
            "A new `email` or `password` needs `currentPassword` in the same object, unless the session "
            "was opened less than CONDUIT_REAUTH_WINDOW_SECONDS ago (403 otherwise); it ends every other "
            "session of the account."
        ),
        security=SECURITY,
        cache_control=NO_STORE,
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
            current_password=changes.current_password,
            session=current_user.session,
        )
        return UserResponse.of(await update_user.execute(command))

    @get(
        "/sessions",
        operation_id="ListSessions",
        **documented(401),
        summary="List the caller's sessions",
        description="Running sessions, newest first; `current` marks the one the token belongs to.",
        security=SECURITY,
    )
    async def list_sessions(
        self, request: Request[Any, Any, Any], list_sessions: NamedDependency[ListSessions]
    ) -> SessionsResponse:
        return SessionsResponse.of(await list_sessions.execute(await signed_in(request)))

    @delete(
        "/sessions/{session_id:str}",
        status_code=HTTP_204_NO_CONTENT,
        operation_id="EndSession",
        **documented(401, 404),
        summary="End one of the caller's sessions",
        description="Its tokens are refused from the next request on. 404 for an unknown or ended id.",
        security=SECURITY,
    )
    async def end_session(
        self,
        request: Request[Any, Any, Any],
        session_id: FromPath[str],
        end_session: NamedDependency[EndSession],
    ) -> None:
        await end_session.execute(await signed_in(request), session_id)
