"""Console sign-in: the core's token kept in an encrypted session cookie, checked on every request.

Everything the console knows about who is signed in lives here. Signing in opens one of the user's
sessions (listed with their others); signing out ends it. Each request authenticates the token with
the core's Authenticate use case: a ban, a password change or a forced logout revokes the token and
ends the console session at once, in every server process. A role change ends it too (the role at
sign-in is kept and compared), and so do the idle and absolute timeouts.
"""

import contextlib
import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.middleware import DefineMiddleware
from litestar.middleware.session import SessionMiddleware
from litestar.middleware.session.client_side import ClientSideSessionBackend, CookieBackendConfig
from litestar.types import ASGIApp

from core.shared.actor import Actor, Capability
from core.shared.errors import CoreError, NotAuthenticated
from core.users import Authenticate, EndSession, LogIn, LogInCommand
from entrypoints.clients import client_address
from entrypoints.settings import Settings

COOKIE = "conduit_admin"
PATH = "/admin"
_TOUCH_EVERY = 60.0  # seconds: "last seen" is rewritten at most this often (one cookie per minute)


@dataclass(frozen=True, slots=True)
class Timeouts:
    idle: float
    absolute: float

    def expired(self, state: dict[str, Any], now: float) -> bool:
        return now - state["since"] >= self.absolute or now - state["seen"] >= self.idle


def middleware(settings: Settings) -> DefineMiddleware:
    """The session middleware of the console's router. Its cookie is AES-GCM encrypted, HttpOnly,
    SameSite=Strict, scoped to /admin, and Secure in production (and on any request that came over
    HTTPS: see `headers.ConsoleHeaders`)."""
    return DefineMiddleware(_session_middleware, config=_cookie_config(settings))


def _session_middleware(app: ASGIApp, config: CookieBackendConfig) -> SessionMiddleware[Any]:
    # Built here, not in the definition: Litestar copies router definitions, and the cipher object
    # of the backend cannot be copied.
    return SessionMiddleware(app=app, backend=ClientSideSessionBackend(config=config))


def _cookie_config(settings: Settings) -> CookieBackendConfig:
    key = hmac.new(settings.secret_key.encode(), b"conduit admin session cookie", hashlib.sha256).digest()
    return CookieBackendConfig(
        secret=key,
        key=COOKIE,
        path=PATH,
        httponly=True,
        samesite="strict",
        secure=settings.is_production,
        max_age=settings.admin_session_max_seconds,
    )


def timeouts(settings: Settings) -> Timeouts:
    return Timeouts(idle=settings.admin_idle_timeout_seconds, absolute=settings.admin_session_max_seconds)


async def sign_in(
    request: Request[Any, Any, Any], log_in: LogIn, authenticate: Authenticate, email: str, password: str
) -> Actor:
    """Log in through the core (its throttling and ban rules) and open a console session.

    Raises the core's InvalidCredentials, AccountBanned, RateLimited, and PermissionDenied for an
    account whose role may not use the console.
    """
    command = LogInCommand(
        email=email,
        password=password,
        client=client_address(request),
        user_agent=request.headers.get("user-agent"),
    )
    session = await log_in.execute(command)
    actor = (await authenticate.execute(session.token)).actor()
    actor.require(Capability.MODERATE)
    now = time.time()
    request.set_session({"token": session.token, "role": actor.role.value, "since": now, "seen": now})
    return actor


async def signed_in_actor(
    request: Request[Any, Any, Any], authenticate: Authenticate, limits: Timeouts
) -> Actor | None:
    """Who holds this console session, or None (and the session is cleared) when it has ended."""
    state = dict(request.session or {})
    if not state.get("token"):
        return None
    now = time.time()
    if limits.expired(state, now):
        request.clear_session()
        return None
    try:
        actor = (await authenticate.execute(state["token"])).actor()
    except NotAuthenticated:
        request.clear_session()
        return None
    if actor.role.value != state["role"] or not actor.may(Capability.MODERATE):
        request.clear_session()
        return None
    if now - state["seen"] >= _TOUCH_EVERY:
        request.set_session({**state, "seen": now})
    return actor


def sign_out(request: Request[Any, Any, Any]) -> None:
    """Forget the console session (a failed sign-in)."""
    request.clear_session()


async def end(request: Request[Any, Any, Any], authenticate: Authenticate, end_session: EndSession) -> None:
    """Log out: the cookie goes, and the core ends the user session its token names (it is listed
    among the user's sessions, and refused everywhere from now on)."""
    token = (request.session or {}).get("token")
    request.clear_session()
    if token:
        with contextlib.suppress(CoreError):  # already ended, revoked or expired: nothing left to end
            await end_session.current(await authenticate.execute(token))
