"""Who is calling: `Authorization: Token <jwt>` (the RealWorld scheme; `Bearer` is accepted too).

Handlers call `signed_in` or `viewer_of` themselves rather than declaring the user as a Litestar
dependency: next to the use case, a second dependency makes Litestar resolve them concurrently in a
task group, which cost more than the whole cached read it serves.
"""

from typing import Any

from litestar import Request

from core.shared.errors import NotAuthenticated
from core.users import Authenticate
from core.users.views import CurrentUser

SCHEMES = ("token", "bearer")
SECURITY = [{"Token": []}]  # OpenAPI security requirement for routes that need a user
AUTHENTICATE = "authenticate"  # app.state: a callable giving the Authenticate use case
CHECKED = "conduit.checked_user"  # scope: whom this request's token named, once a middleware checked it


def bearer_token(request: Request[Any, Any, Any]) -> str | None:
    """The token in the Authorization header, None when there is no header.

    Raises NotAuthenticated for a header in another format.
    """
    return token_in(request.headers.get("authorization"))


def token_in(header: str | None) -> str | None:
    """The token of an Authorization header's value (see bearer_token)."""
    if header is None or not header.strip():
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() not in SCHEMES or not token.strip():
        raise NotAuthenticated("authorization header must be 'Token <jwt>'")
    return token.strip()


async def signed_in(request: Request[Any, Any, Any]) -> CurrentUser:
    """For routes that require a user: 401 without a valid token."""
    token = bearer_token(request)
    if token is None:
        raise NotAuthenticated("missing authorization credentials")
    return await _checked(request, token)


async def viewer_of(request: Request[Any, Any, Any]) -> CurrentUser | None:
    """For routes where a user is optional: None when anonymous, 401 for a bad token."""
    token = bearer_token(request)
    return None if token is None else await _checked(request, token)


async def _checked(request: Request[Any, Any, Any], token: str) -> CurrentUser:
    checked: CurrentUser | None = request.scope.get(CHECKED)  # type: ignore[call-overload]
    return checked if checked is not None else await _authenticate(request).execute(token)


def _authenticate(request: Request[Any, Any, Any]) -> Authenticate:
    use_case: Authenticate = request.app.state[AUTHENTICATE]()
    return use_case
