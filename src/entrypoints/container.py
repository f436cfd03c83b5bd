"""The composition root: the one place that picks concrete adapters for the core's ports.

All three entrypoints (HTTP, CLI, Python API) build their object graph here. The graph is kept
synchronous (no async Resources): async clean-up lives in `aclose`.
"""

from datetime import timedelta

from dependency_injector import containers, providers

from adapters.clock import SystemClock
from adapters.persistence.engine import PoolSettings, make_engine, make_session_factory
from adapters.persistence.migrations.runner import Migrations
from adapters.persistence.unit_of_work import SqlUsersUnitOfWork
from adapters.persistence.users import SqlUserQueries
from adapters.security.argon2_hasher import Argon2Parameters, Argon2PasswordHasher
from adapters.security.jwt_tokens import JwtTokenService
from core.users import Authenticate, GetCurrentUser, ListUsers, LogIn, RegisterUser, UpdateUser
from entrypoints.settings import Settings


class Infrastructure(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)

    clock = providers.Singleton(SystemClock)
    engine = providers.Singleton(
        make_engine,
        settings.provided.database_url,
        providers.Factory(
            PoolSettings,
            size=settings.provided.db_pool_size,
            max_overflow=settings.provided.db_max_overflow,
            timeout=settings.provided.db_pool_timeout,
        ),
    )
    session_factory = providers.Singleton(make_session_factory, engine)
    migrations = providers.Factory(Migrations, settings.provided.database_url)
    hasher = providers.Singleton(
        Argon2PasswordHasher,
        providers.Factory(
            Argon2Parameters,
            time_cost=settings.provided.argon2_time_cost,
            memory_cost_kib=settings.provided.argon2_memory_kib,
            parallelism=settings.provided.argon2_parallelism,
        ),
        max_concurrency=settings.provided.hash_concurrency,
    )
    tokens = providers.Singleton(
        JwtTokenService,
        secret=settings.provided.secret_key,
        ttl=providers.Factory(timedelta, seconds=settings.provided.token_ttl_seconds),
        clock=clock,
    )


class Users(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()

    uow = providers.Factory(SqlUsersUnitOfWork, infra.session_factory)
    queries = providers.Singleton(SqlUserQueries, infra.session_factory)

    register_user = providers.Factory(
        RegisterUser, uow=uow, hasher=infra.hasher, tokens=infra.tokens, clock=infra.clock
    )
    log_in = providers.Factory(LogIn, uow=uow, hasher=infra.hasher, tokens=infra.tokens, clock=infra.clock)
    authenticate = providers.Factory(Authenticate, queries=queries, tokens=infra.tokens)
    get_current_user = providers.Factory(GetCurrentUser, queries=queries)
    update_user = providers.Factory(
        UpdateUser, uow=uow, hasher=infra.hasher, tokens=infra.tokens, clock=infra.clock
    )
    list_users = providers.Factory(ListUsers, queries=queries)


class ApplicationContainer(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    infra = providers.Container(Infrastructure, settings=settings)
    users = providers.Container(Users, infra=infra)


def build_container(settings: Settings) -> ApplicationContainer:
    return ApplicationContainer(settings=settings)


async def aclose(container: ApplicationContainer) -> None:
    """Release pooled connections; call once when the entrypoint stops."""
    await container.infra.engine().dispose()
