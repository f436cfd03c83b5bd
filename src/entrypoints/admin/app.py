"""The web admin console: server-rendered pages under /admin, a driving adapter like the API and the CLI.

Every action calls a core use case with the signed-in Actor: the core authorizes, audits in the same
transaction and invalidates caches. The console itself holds no SQL and makes no decision; it asks
the core's grants (`Actor.may`, `account_actions`) only to leave out what would be refused anyway.
"""

import hashlib
import hmac
from pathlib import Path

from litestar import Router
from litestar.config.csrf import CSRFConfig
from litestar.di import Provide
from litestar.exceptions import HTTPException, ValidationException
from litestar.middleware import DefineMiddleware
from litestar.middleware.csrf import CSRFMiddleware
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from core.shared.errors import CoreError
from entrypoints.admin import articles, audit, cache, dashboard, session, sign_in, users
from entrypoints.admin.common import (
    SignInRequired,
    core_error_handler,
    current_actor,
    http_error_handler,
    sign_in_required_handler,
)
from entrypoints.admin.headers import ConsoleHeaders
from entrypoints.container import ApplicationContainer
from entrypoints.settings import Settings

HERE = Path(__file__).parent


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    """Jinja2 autoescapes every value (the default for .html here): content is user input."""
    return TemplateConfig(directory=HERE / "templates", engine=JinjaTemplateEngine)


def admin_router(container: ApplicationContainer) -> Router:
    settings = container.settings()
    return Router(
        path=session.PATH,
        route_handlers=[
            *sign_in.handlers,
            *dashboard.handlers,
            *users.handlers,
            *articles.handlers,
            *audit.handlers,
            *cache.handlers,
            create_static_files_router(
                path="/static", directories=[HERE / "static"], include_in_schema=False
            ),
        ],
        dependencies={
            "container": Provide(lambda: container, sync_to_thread=False),
            "actor": Provide(current_actor),
        },
        # Outermost first: headers on every answer, refusals included; the session before CSRF, so a
        # refused form cannot touch it.
        middleware=[ConsoleHeaders, session.middleware(settings), _csrf(settings)],
        exception_handlers={
            SignInRequired: sign_in_required_handler,
            CoreError: core_error_handler,
            HTTPException: http_error_handler,
            ValidationException: http_error_handler,  # else the API's JSON handler would answer
        },
        include_in_schema=False,  # HTML pages, not part of the public JSON API
    )


def _csrf(settings: Settings) -> DefineMiddleware:
    secret = hmac.new(settings.secret_key.encode(), b"conduit admin csrf", hashlib.sha256).hexdigest()
    config = CSRFConfig(
        secret=secret,
        cookie_name="conduit_admin_csrf",
        cookie_path=session.PATH,
        cookie_httponly=True,  # forms carry the token; no script needs to read the cookie
        cookie_samesite="strict",
        cookie_secure=settings.is_production,
    )
    return DefineMiddleware(CSRFMiddleware, config=config)
