"""What every console page shares: who is signed in, rendering, forms, pages of results, errors."""

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from litestar import Request, Response
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.exceptions import HTTPException
from litestar.params import Body
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER

from core.shared.actor import Actor, Capability
from core.shared.errors import CoreError, InvalidInput
from core.shared.pagination import PageRequest, Slice
from entrypoints.admin import session
from entrypoints.error_status import status_for

# The composition root (entrypoints.container.ApplicationContainer). Typed Any for Litestar, which checks
# a dependency's type and would not recognise the instance dependency-injector generates.
Container = Any
PAGE_SIZE = 25
Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]


class SignInRequired(Exception):
    """No console session (or it ended): the answer is the sign-in page."""


async def current_actor(request: Request[Any, Any, Any], container: NamedDependency[Container]) -> Actor:
    """The `actor` dependency of every page but sign-in."""
    settings = container.settings()
    actor = await session.signed_in_actor(request, container.users.authenticate(), session.timeouts(settings))
    if actor is None:
        raise SignInRequired
    return actor


def render(name: str, actor: Actor | None, *, status: int = 200, **context: Any) -> Template:
    return Template(
        template_name=name,
        context={"actor": actor, "may": _may(actor), **context},
        status_code=status,
    )


def _may(actor: Actor | None) -> dict[str, bool]:
    """What the navigation shows: the core's grants, by capability name."""
    return {capability.name.lower(): bool(actor and actor.may(capability)) for capability in Capability}


def see_other(path: str) -> Redirect:
    return Redirect(path=path, status_code=HTTP_303_SEE_OTHER)


def page_request(page: int) -> PageRequest:
    """Page numbers start at 1; the core bounds the offset (InvalidInput beyond)."""
    return PageRequest(limit=PAGE_SIZE, offset=(max(page, 1) - 1) * PAGE_SIZE)


def pager(found: Slice[Any], page: int, request: Request[Any, Any, Any]) -> dict[str, str | None]:
    """Links to the previous and next pages, keeping the filters."""

    def link(number: int) -> str:
        params = {k: v for k, v in request.query_params.items() if k != "page" and v}
        return f"{request.url.path}?{urlencode({**params, 'page': number})}"

    return {
        "previous": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if found.has_next else None,
    }


def login_path(request: Request[Any, Any, Any]) -> str:
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"{session.PATH}/login?next={quote(back, safe='')}"


def sign_in_required_handler(request: Request[Any, Any, Any], _: SignInRequired) -> Response[Any]:
    return see_other(login_path(request) if request.method == "GET" else f"{session.PATH}/login")


def core_error_handler(request: Request[Any, Any, Any], error: CoreError) -> Response[Any]:
    status = status_for(error)
    messages = (
        [f"{field} {text}" for field, texts in error.fields.items() for text in texts]
        if isinstance(error, InvalidInput)
        else [error.message]
    )
    return _error_page(request, status, messages)


def http_error_handler(request: Request[Any, Any, Any], error: HTTPException) -> Response[Any]:
    """Framework refusals (a missing or bad CSRF token is a 403, a malformed parameter a 400)."""
    return _error_page(request, error.status_code, [str(error.detail)])


def _error_page(_request: Request[Any, Any, Any], status: int, messages: list[str]) -> Response[Any]:
    return render("error.html", None, status=status, messages=messages, status_code=status)
