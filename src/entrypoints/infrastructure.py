"""The composition root's infrastructure: database, cache, security and throttling, from the settings.

The module containers (entrypoints.container) build the use cases on top of it.
"""

from datetime import timedelta
from typing import Any

from dependency_injector import containers, providers

from adapters.cache.factory import make_cache_store
from adapters.cache.notifier import CacheChangeNotifier, NoCacheNotifier, ReachesServers
from adapters.cache.queries import (
    CachedViewerRelations,
)
from adapters.cache.read_through import ReadThrough
from adapters.cache.redis_store import make_redis
from adapters.cache.responses import CachedAnswers
from adapters.cache.store import CacheStore
from adapters.clock import SystemClock
from adapters.persistence.deployment import Deployment
from adapters.persistence.engine import (
    PoolSettings,
    autocommit,
    make_engine,
    make_read_session_factory,
    make_session_factory,
)
from adapters.persistence.health import DatabaseHealth
from adapters.persistence.migrations.runner import Migrations
from adapters.persistence.relations import SqlViewerRelations
from adapters.security.argon2_hasher import Argon2Parameters, Argon2PasswordHasher
from adapters.security.common_passwords import CommonPasswordList
from adapters.security.jwt_tokens import JwtTokenService
from adapters.security.login_throttle import InProcessLoginThrottle, RedisLoginThrottle, ThrottleLimits
from core.users.passwords import PasswordRules
from core.users.sessions import SessionPolicy
from entrypoints.health import Readiness
from entrypoints.settings import Settings


def readiness_of(settings: Settings, database: DatabaseHealth, cache: CacheStore) -> Readiness:
    checks = {"database": database.check}
    if settings.redis_url:
        checks["redis"] = cache.ping
    return Readiness(checks, timeout=settings.health_timeout_seconds)


def cached_or_plain(
    mode: providers.Provider[str], plain: providers.Provider[Any], cached: type, **dependencies: Any
) -> providers.Selector[Any]:
    """The plain read model, or (mode "on") the caching decorator around it.

    Modes are Singletons: settings never change in a process, and a Selector asks its mode for
    every object it builds (a Callable re-read the settings each time: 20 of the 28 us it took to
    build a signed-in list's two use cases, on every request)."""
    return providers.Selector(mode, on=providers.Singleton(cached, plain, **dependencies), off=plain)


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
            connect_timeout=settings.provided.db_connect_timeout,
        ),
    )
    session_factory = providers.Singleton(make_session_factory, engine)  # units of work (writes)
    autocommit_engine = providers.Singleton(autocommit, engine)  # lone writes (a login's session)
    read_session_factory = providers.Singleton(make_read_session_factory, engine)  # read models
    migrations = providers.Factory(Migrations, settings.provided.database_url)
    deployment = providers.Singleton(Deployment, engine)

    cache_store = providers.Singleton(
        make_cache_store,
        settings.provided.redis_url,
        prefix=settings.provided.cache_prefix,
        timeout=settings.provided.redis_timeout_seconds,
        retry_after=settings.provided.cache_retry_seconds,
        max_entries=settings.provided.cache_max_entries,
    )
    cache = providers.Singleton(
        ReadThrough,
        cache_store,
        prefix=settings.provided.cache_prefix,
        ttl=settings.provided.cache_ttl_seconds,
        namespace=deployment.provided.cache_namespace,
    )
    # Account state (what authentication checks) is cached only in a store every process shares:
    # a ban or a token revocation from the CLI or a script must reach a running server at once.
    account_cache_mode = providers.Singleton(
        lambda enabled, redis_url: "on" if enabled and redis_url else "off",
        settings.provided.cache_enabled,
        settings.provided.redis_url,
    )
    answers = providers.Singleton(CachedAnswers, cache)  # whole answers: anonymous, or per viewer
    # CONDUIT_CACHE_ENABLED=false swaps the caching decorators for the plain SQL read models.
    cache_mode = providers.Singleton(
        lambda enabled: "on" if enabled else "off", settings.provided.cache_enabled
    )
    sql_relations = providers.Singleton(SqlViewerRelations, read_session_factory)
    relations = cached_or_plain(cache_mode, sql_relations, CachedViewerRelations, cache=cache)
    reaches_servers = providers.Singleton(
        ReachesServers,
        location=settings.provided.shared_cache_location,
        registered=deployment.provided.shared_cache,
        store=cache_store,
    )
    changes = providers.Selector(
        cache_mode,
        on=providers.Singleton(CacheChangeNotifier, cache, reaches_servers),
        off=providers.Singleton(NoCacheNotifier, reaches_servers),
    )
    readiness = providers.Singleton(
        readiness_of,
        settings,
        providers.Singleton(DatabaseHealth, engine, migrations, settings.provided.health_timeout_seconds),
        cache_store,
    )
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
    tokens = providers.Singleton(JwtTokenService, secret=settings.provided.secret_key, clock=clock)
    session_policy = providers.Singleton(
        SessionPolicy,
        lifetime=providers.Factory(timedelta, seconds=settings.provided.token_ttl_seconds),
        idle=providers.Factory(timedelta, seconds=settings.provided.session_idle_seconds),
        reauth_window=providers.Factory(timedelta, seconds=settings.provided.reauth_window_seconds),
    )
    password_rules = providers.Singleton(PasswordRules, providers.Singleton(CommonPasswordList))
    # Short timeouts: a slow Redis must degrade to local behaviour, not stall requests.
    redis = providers.Singleton(
        make_redis, settings.provided.redis_url, settings.provided.redis_timeout_seconds
    )
    throttle_limits = providers.Singleton(
        ThrottleLimits,
        per_kind=providers.Dict(
            pair=settings.provided.login_max_failures_per_account,
            client=settings.provided.login_max_failures_per_client,
        ),
        window_seconds=settings.provided.login_failure_window_seconds,
    )
    local_login_throttle = providers.Singleton(InProcessLoginThrottle, throttle_limits)
    login_throttle = providers.Selector(
        providers.Singleton(lambda url: "redis" if url else "local", settings.provided.redis_url),
        redis=providers.Singleton(
            RedisLoginThrottle,
            redis,
            throttle_limits,
            local_login_throttle,
            prefix=settings.provided.cache_prefix,
            secret=settings.provided.secret_key,
        ),
        local=local_login_throttle,
    )
