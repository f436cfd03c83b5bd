"""/admin/login and /admin/logout."""

from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Template

from core.shared.actor import Actor
from core.shared.errors import CoreError, InvalidInput, PermissionDenied, RateLimited
from core.users.errors import AccountBanned
from entrypoints.admin import session
from entrypoints.admin.common import (
    Container,
    Form,
    SignInRequired,
    current_actor,
    render,
    see_other,
)
from entrypoints.error_status import status_for

STAFF_ONLY = (
    "This console is for moderators and administrators. Your account may use the site, not the console."
)


def _next_page(target: str | None) -> str:
    """Only a console path: never an open redirect to another site."""
    if target and (target == session.PATH or target.startswith((f"{session.PATH}/", f"{session.PATH}?"))):
        return target
    return session.PATH


@get("/login", name="admin:login")
async def login_page(
    request: Request[Any, Any, Any], container: NamedDependency[Container], next: FromQuery[str | None] = None
) -> Response[Any]:
    try:
        await current_actor(request, container)
        return see_other(_next_page(next))  # already signed in
    except SignInRequired:
        return render("login.html", None, next=_next_page(next), email="", error=None)


@post("/login")
async def login(
    request: Request[Any, Any, Any], container: NamedDependency[Container], data: Form
) -> Response[Any]:
    email, password = data.get("email", ""), data.get("password", "")
    target = _next_page(data.get("next"))
    try:
        if not email.strip() or not password:
            raise InvalidInput.of("email and password", "are required")
        await session.sign_in(
            request, container.users.log_in(), container.users.authenticate(), email, password
        )
    except CoreError as error:
        session.sign_out(request)
        message = (
            STAFF_ONLY
            if isinstance(error, PermissionDenied) and not isinstance(error, AccountBanned)
            else error.message
        )
        page = render("login.html", None, status=status_for(error), next=target, email=email, error=message)
        if isinstance(error, RateLimited):
            page.headers["Retry-After"] = str(error.retry_after)
        return page
    return see_other(target)


@get("/logout")
async def logout_page(actor: NamedDependency[Actor]) -> Template:
    return render("logout.html", actor)


@post("/logout")
async def logout(request: Request[Any, Any, Any], container: NamedDependency[Container]) -> Response[Any]:
    await session.end(request, container.users.authenticate(), container.users.end_session())
    return see_other(f"{session.PATH}/login")


handlers = [login_page, login, logout_page, logout]
