"""Who is calling: `Authorization: Token <jwt>` (the RealWorld scheme; `Bearer` is accepted too)."""

from typing import Any

from litestar import Request
from litestar.di import NamedDependency

from core.shared.errors import NotAuthenticated
from core.users import Authenticate
from core.users.views import CurrentUser

SCHEMES = ("token", "bearer")
SECURITY = [{"Token": []}]  # OpenAPI security requirement for routes that need a user


def bearer_token(request: Request[Any, Any, Any]) -> str | None:
    """The token in the Authorization header, None when there is no header.

    Raises NotAuthenticated for a header in another format.
    """
    header = request.headers.get("authorization")
    if header is None or not header.strip():
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() not in SCHEMES or not token.strip():
        raise NotAuthenticated("authorization header must be 'Token <jwt>'")
    return token.strip()


async def provide_current_user(
    request: Request[Any, Any, Any], authenticate: NamedDependency[Authenticate]
) -> CurrentUser:
    """For routes that require a user: 401 without a valid token."""
    token = bearer_token(request)
    if token is None:
        raise NotAuthenticated("missing authorization credentials")
    return await authenticate.execute(token)


async def provide_viewer(
    request: Request[Any, Any, Any], authenticate: NamedDependency[Authenticate]
) -> CurrentUser | None:
    """For routes where a user is optional: None when anonymous, 401 for a bad token."""
    token = bearer_token(request)
    return None if token is None else await authenticate.execute(token)
