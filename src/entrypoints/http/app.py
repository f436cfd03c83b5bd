"""The Litestar application factory."""

import logging
from collections.abc import Callable
from typing import Any

from dependency_injector import providers
from litestar import Litestar, Router
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.exceptions import HTTPException, ValidationException
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme

from core.shared.errors import CoreError
from entrypoints.admin.app import admin_router, template_config
from entrypoints.clients import TRUSTED_PROXIES
from entrypoints.container import ApplicationContainer, aclose, module_containers
from entrypoints.http.articles.controllers import ArticlesController
from entrypoints.http.auth import AUTHENTICATE
from entrypoints.http.comments.controllers import CommentsController
from entrypoints.http.docs import DOCS_PATH, swagger_ui, swagger_ui_assets
from entrypoints.http.errors import (
    core_error_handler,
    http_error_handler,
    nesting_error_handler,
    unexpected_error_handler,
    validation_error_handler,
)
from entrypoints.http.health import HealthController
from entrypoints.http.metrics import MetricsController, RequestMetrics, count_unrouted, forget_this_process
from entrypoints.http.middleware.conditional import ConditionalGet
from entrypoints.http.middleware.request_context import RequestContext
from entrypoints.http.middleware.request_rules import RequestRules
from entrypoints.http.middleware.shared_responses import SharedResponses
from entrypoints.http.profiles.controllers import ProfilesController
from entrypoints.http.tags.controllers import TagsController
from entrypoints.http.users.controllers import CurrentUserController, UsersController
from entrypoints.logs import write_directly

logger = logging.getLogger("conduit.http")
API_VERSION = "1.1.0"
MAX_BODY_BYTES = 1_000_000


def create_app(container: ApplicationContainer) -> Litestar:
    settings = container.settings()
    api = Router(
        path="/api",
        route_handlers=[
            UsersController,
            CurrentUserController,
            ProfilesController,
            ArticlesController,
            CommentsController,
            TagsController,
        ],
        dependencies=_dependencies(container),
    )

    async def record_cache_location() -> None:
        """Processes that revoke access check this before acting (ADR 0012)."""
        try:
            await container.infra.deployment().record_shared_cache(settings.shared_cache_location)
        except CoreError as error:  # the database is down: readiness says so; the last record stays
            logger.warning("could not record the cache location in the database: %s", error)

    async def close_container() -> None:
        await aclose(container)
        forget_this_process()
        write_directly()

    cors_restricted = "*" not in settings.cors_origin_list
    operations: list[Any] = [HealthController]
    if settings.metrics_enabled:
        operations.append(MetricsController)
    if settings.docs_enabled:
        operations.append(swagger_ui_assets())
    if settings.admin_enabled:  # the web admin console, another driving adapter on the same core
        operations.append(admin_router(container))
    app = Litestar(
        route_handlers=[api, *operations],
        template_config=template_config() if settings.admin_enabled else None,
        dependencies={"readiness": Provide(_call(container.infra.readiness), sync_to_thread=False)},
        state=State(
            {AUTHENTICATE: container.users.authenticate, TRUSTED_PROXIES: settings.trusted_proxy_networks}
        ),
        # Outermost first: metrics see the final status, so a 304 is counted as a 304; shared answers
        # are innermost, so a replayed answer still gets its 304.
        middleware=[
            *([RequestMetrics] if settings.metrics_enabled else []),
            ConditionalGet,
            *(_shared_responses(container) if settings.cache_enabled else []),
        ],
        exception_handlers={
            CoreError: core_error_handler,
            ValidationException: validation_error_handler,
            HTTPException: http_error_handler,
            RecursionError: nesting_error_handler,
            Exception: unexpected_error_handler,
        },
        cors_config=CORSConfig(allow_origins=settings.cors_origin_list, max_age=3600),
        openapi_config=_openapi_config() if settings.docs_enabled else None,
        request_max_body_size=MAX_BODY_BYTES,
        on_startup=[record_cache_location],
        on_shutdown=[close_container],
        logging_config=None,  # entrypoints.logs configures logging (JSON in production, request ids)
        debug=False,
    )
    # Around everything Litestar does, so that unrouted requests (404, 405) and those the request
    # rules refuse (415) get a request id too, and are counted.
    routes = [(route.path, route.methods) for route in app.routes if hasattr(route, "methods")]
    handler = RequestRules(app.asgi_handler, routes)
    if settings.metrics_enabled:
        handler = count_unrouted(handler)
    app.asgi_handler = RequestContext(handler, restricted_origins=cors_restricted)
    return app


def _dependencies(container: ApplicationContainer) -> dict[str, Provide]:
    """Bridge the container's use-case factories into Litestar DI, by provider name. Handlers name
    the use case they take, so a name two modules both provide is refused rather than shadowed."""
    dependencies: dict[str, Provide] = {}
    for module in module_containers(container):
        for name, provider in module.providers.items():
            if isinstance(provider, providers.Factory) and hasattr(provider.cls, "execute"):
                if name in dependencies:
                    raise ValueError(f"two modules provide a use case named {name!r}: rename one")
                dependencies[name] = Provide(_call(provider), sync_to_thread=False)
    return dependencies


def _shared_responses(container: ApplicationContainer) -> list[DefineMiddleware]:
    return [DefineMiddleware(SharedResponses, cache=container.infra.answers())]


def _call(provider: providers.Provider[Any]) -> Callable[[], Any]:
    def build() -> Any:
        return provider()

    return build


def _openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Conduit API",
        version=API_VERSION,
        description="The RealWorld Conduit API. Authenticate with the header `Authorization: Token <jwt>`.",
        path=DOCS_PATH,
        render_plugins=[swagger_ui()],
        components=Components(
            security_schemes={
                "Token": SecurityScheme(
                    type="apiKey",
                    name="Authorization",
                    security_scheme_in="header",
                    description="`Token <jwt>`, the token from login or registration.",
                )
            }
        ),
    )
