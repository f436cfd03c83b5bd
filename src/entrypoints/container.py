"""The composition root: the one place that picks concrete adapters for the core's ports.

All three entrypoints (HTTP, CLI, Python API) build their object graph here. The graph is kept
synchronous (no async Resources): async clean-up lives in `aclose`.
"""

from datetime import timedelta
from typing import Any

from dependency_injector import containers, providers

from adapters.cache.control import StoreCacheControl
from adapters.cache.factory import make_cache_store
from adapters.cache.notifier import CacheChangeNotifier, NoCacheNotifier, ReachesServers
from adapters.cache.queries import (
    CachedArticleQueries,
    CachedProfileQueries,
    CachedTagQueries,
    CachedUserQueries,
    CachedViewerRelations,
)
from adapters.cache.read_through import ReadThrough
from adapters.cache.redis_store import make_redis
from adapters.cache.responses import SharedResponses
from adapters.cache.stats import ShortLivedActivity, ShortLivedStats
from adapters.cache.store import CacheStore
from adapters.clock import SystemClock
from adapters.persistence.articles import SqlArticleQueries
from adapters.persistence.audit import SqlAuditQueries
from adapters.persistence.comments import SqlArticleLookup, SqlCommentQueries
from adapters.persistence.content import SqlContentQueries
from adapters.persistence.counts import SqlCounts
from adapters.persistence.demo_data import SqlDemoDataWriter
from adapters.persistence.deployment import Deployment
from adapters.persistence.engine import (
    PoolSettings,
    make_engine,
    make_read_session_factory,
    make_session_factory,
)
from adapters.persistence.health import DatabaseHealth
from adapters.persistence.migrations.runner import Migrations
from adapters.persistence.profiles import SqlProfileQueries
from adapters.persistence.relations import SqlViewerRelations
from adapters.persistence.sessions import SqlSessionActivity
from adapters.persistence.stats import SqlStatsQueries
from adapters.persistence.tags import SqlTagQueries
from adapters.persistence.unit_of_work import (
    SqlArticlesUnitOfWork,
    SqlCommentsUnitOfWork,
    SqlProfilesUnitOfWork,
    SqlUsersUnitOfWork,
)
from adapters.persistence.users import SqlUserQueries
from adapters.security.argon2_hasher import Argon2Parameters, Argon2PasswordHasher
from adapters.security.common_passwords import CommonPasswordList
from adapters.security.jwt_tokens import JwtTokenService
from adapters.security.login_throttle import InProcessLoginThrottle, RedisLoginThrottle, ThrottleLimits
from core.admin import (
    ClearCache,
    GetCacheStats,
    GetDailyActivity,
    GetStats,
    GetUserActivity,
    ListAuditLog,
    RecountCounts,
    SearchArticles,
    SeedDemoData,
)
from core.articles import (
    CreateArticle,
    DeleteArticle,
    FavoriteArticle,
    FeedArticles,
    GetArticle,
    ListArticles,
    UnfavoriteArticle,
    UpdateArticle,
)
from core.comments import AddComment, DeleteComment, ListComments
from core.profiles import FollowUser, GetProfile, UnfollowUser
from core.tags import ListTags
from core.users import (
    Authenticate,
    BanUser,
    CreateAccount,
    DeleteUser,
    EndSession,
    ForceLogout,
    GetCurrentUser,
    ListSessions,
    ListUsers,
    LogIn,
    RegisterUser,
    SetPassword,
    SetRole,
    ShowUser,
    UnbanUser,
    UpdateUser,
)
from core.users.passwords import PasswordRules
from core.users.sessions import SessionPolicy
from entrypoints.health import Readiness
from entrypoints.settings import Settings


def _readiness(settings: Settings, database: DatabaseHealth, cache: CacheStore) -> Readiness:
    checks = {"database": database.check}
    if settings.redis_url:
        checks["redis"] = cache.ping
    return Readiness(checks, timeout=settings.health_timeout_seconds)


def _cached_or_plain(
    mode: providers.Provider[str], plain: providers.Provider[Any], cached: type, **dependencies: Any
) -> providers.Selector[Any]:
    """The plain read model, or (mode "on") the caching decorator around it."""
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
    account_cache_mode = providers.Callable(
        lambda enabled, redis_url: "on" if enabled and redis_url else "off",
        settings.provided.cache_enabled,
        settings.provided.redis_url,
    )
    shared_responses = providers.Singleton(SharedResponses, cache)  # whole anonymous answers
    # CONDUIT_CACHE_ENABLED=false swaps the caching decorators for the plain SQL read models.
    cache_mode = providers.Callable(
        lambda enabled: "on" if enabled else "off", settings.provided.cache_enabled
    )
    sql_relations = providers.Singleton(SqlViewerRelations, read_session_factory)
    relations = _cached_or_plain(cache_mode, sql_relations, CachedViewerRelations, cache=cache)
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
        _readiness,
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
        providers.Callable(lambda url: "redis" if url else "local", settings.provided.redis_url),
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


class Users(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()

    uow = providers.Factory(SqlUsersUnitOfWork, infra.session_factory, infra.changes)
    sql_queries = providers.Singleton(SqlUserQueries, infra.read_session_factory)
    queries = _cached_or_plain(infra.account_cache_mode, sql_queries, CachedUserQueries, cache=infra.cache)

    register_user = providers.Factory(
        RegisterUser,
        uow=uow,
        hasher=infra.hasher,
        tokens=infra.tokens,
        clock=infra.clock,
        policy=infra.session_policy,
        passwords=infra.password_rules,
    )
    create_account = providers.Factory(CreateAccount, register=register_user)
    log_in = providers.Factory(
        LogIn,
        uow=uow,
        queries=queries,
        hasher=infra.hasher,
        tokens=infra.tokens,
        clock=infra.clock,
        throttle=infra.login_throttle,
        policy=infra.session_policy,
    )
    session_activity = providers.Singleton(SqlSessionActivity, infra.session_factory)
    authenticate = providers.Factory(
        Authenticate,
        queries=queries,
        tokens=infra.tokens,
        clock=infra.clock,
        policy=infra.session_policy,
        activity=session_activity,
        changes=infra.changes,
    )
    list_sessions = providers.Factory(
        ListSessions, queries=queries, clock=infra.clock, policy=infra.session_policy
    )
    end_session = providers.Factory(EndSession, uow=uow, clock=infra.clock, changes=infra.changes)
    get_current_user = providers.Factory(GetCurrentUser, queries=queries)
    update_user = providers.Factory(
        UpdateUser,
        uow=uow,
        hasher=infra.hasher,
        tokens=infra.tokens,
        clock=infra.clock,
        changes=infra.changes,
        policy=infra.session_policy,
        passwords=infra.password_rules,
        throttle=infra.login_throttle,
    )
    list_users = providers.Factory(ListUsers, queries=queries)
    show_user = providers.Factory(ShowUser, uow=uow)
    set_role = providers.Factory(SetRole, uow=uow, clock=infra.clock, changes=infra.changes)
    ban_user = providers.Factory(BanUser, uow=uow, clock=infra.clock, changes=infra.changes)
    unban_user = providers.Factory(UnbanUser, uow=uow, clock=infra.clock, changes=infra.changes)
    force_logout = providers.Factory(ForceLogout, uow=uow, clock=infra.clock, changes=infra.changes)
    set_password = providers.Factory(
        SetPassword,
        uow=uow,
        hasher=infra.hasher,
        clock=infra.clock,
        changes=infra.changes,
        passwords=infra.password_rules,
    )
    delete_user = providers.Factory(DeleteUser, uow=uow, clock=infra.clock, changes=infra.changes)


class Profiles(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()

    uow = providers.Factory(SqlProfilesUnitOfWork, infra.session_factory, infra.changes)
    sql_queries = providers.Singleton(SqlProfileQueries, infra.read_session_factory)
    queries = _cached_or_plain(infra.cache_mode, sql_queries, CachedProfileQueries, cache=infra.cache)

    get_profile = providers.Factory(GetProfile, queries=queries, relations=infra.relations)
    follow_user = providers.Factory(FollowUser, uow=uow, queries=queries)
    unfollow_user = providers.Factory(UnfollowUser, uow=uow, queries=queries)


class Articles(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()

    uow = providers.Factory(SqlArticlesUnitOfWork, infra.session_factory, infra.changes)
    sql_queries = providers.Singleton(SqlArticleQueries, infra.read_session_factory)
    queries = _cached_or_plain(infra.cache_mode, sql_queries, CachedArticleQueries, cache=infra.cache)
    _reads = {"queries": queries, "relations": infra.relations}

    create_article = providers.Factory(CreateArticle, uow=uow, clock=infra.clock, **_reads)
    update_article = providers.Factory(UpdateArticle, uow=uow, clock=infra.clock, **_reads)
    delete_article = providers.Factory(DeleteArticle, uow=uow, clock=infra.clock)
    get_article = providers.Factory(GetArticle, **_reads)
    list_articles = providers.Factory(ListArticles, **_reads)
    feed_articles = providers.Factory(FeedArticles, **_reads)
    favorite_article = providers.Factory(FavoriteArticle, uow=uow, **_reads)
    unfavorite_article = providers.Factory(UnfavoriteArticle, uow=uow, **_reads)


class Comments(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()

    uow = providers.Factory(SqlCommentsUnitOfWork, infra.session_factory, infra.changes)
    queries = providers.Singleton(SqlCommentQueries, infra.read_session_factory)
    articles = providers.Singleton(SqlArticleLookup, infra.read_session_factory)

    add_comment = providers.Factory(
        AddComment, uow=uow, articles=articles, queries=queries, clock=infra.clock
    )
    list_comments = providers.Factory(
        ListComments, articles=articles, queries=queries, relations=infra.relations
    )
    delete_comment = providers.Factory(DeleteComment, uow=uow, articles=articles, clock=infra.clock)


class Tags(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()

    sql_queries = providers.Singleton(SqlTagQueries, infra.read_session_factory)
    queries = _cached_or_plain(infra.cache_mode, sql_queries, CachedTagQueries, cache=infra.cache)
    list_tags = providers.Factory(ListTags, queries=queries)


class Admin(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()

    stats = providers.Singleton(
        ShortLivedStats,
        providers.Singleton(SqlStatsQueries, infra.read_session_factory),
        ttl=infra.settings.provided.stats_ttl_seconds,
    )
    get_stats = providers.Factory(GetStats, queries=stats)
    content = providers.Singleton(
        ShortLivedActivity,
        providers.Singleton(SqlContentQueries, infra.read_session_factory),
        ttl=infra.settings.provided.stats_ttl_seconds,
    )
    search_articles = providers.Factory(SearchArticles, queries=content)
    get_user_activity = providers.Factory(GetUserActivity, queries=content)
    get_daily_activity = providers.Factory(GetDailyActivity, queries=content, clock=infra.clock)
    list_audit_log = providers.Factory(
        ListAuditLog, queries=providers.Singleton(SqlAuditQueries, infra.read_session_factory)
    )
    cache_control = providers.Singleton(StoreCacheControl, infra.cache_store, infra.cache)
    cache_stats = providers.Factory(GetCacheStats, cache=cache_control)
    clear_cache = providers.Factory(ClearCache, cache=cache_control)
    recount = providers.Factory(
        RecountCounts, counts=providers.Singleton(SqlCounts, infra.session_factory), cache=cache_control
    )
    seed_demo_data = providers.Factory(
        SeedDemoData,
        writer=providers.Singleton(SqlDemoDataWriter, infra.engine),
        hasher=infra.hasher,
        clock=infra.clock,
    )


class ApplicationContainer(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    infra = providers.Container(Infrastructure, settings=settings)
    users = providers.Container(Users, infra=infra)
    profiles = providers.Container(Profiles, infra=infra)
    articles = providers.Container(Articles, infra=infra)
    comments = providers.Container(Comments, infra=infra)
    tags = providers.Container(Tags, infra=infra)
    admin = providers.Container(Admin, infra=infra)


def module_containers(container: ApplicationContainer) -> list[Any]:
    """The per-module containers, whose use-case factories the entrypoints expose."""
    return [
        container.users,
        container.profiles,
        container.articles,
        container.comments,
        container.tags,
        container.admin,
    ]


def build_container(settings: Settings) -> ApplicationContainer:
    return ApplicationContainer(settings=settings)


async def aclose(container: ApplicationContainer) -> None:
    """Release pooled connections and the cache client; call once when the entrypoint stops."""
    await container.infra.engine().dispose()
    await container.infra.cache_store().aclose()
    if container.settings().redis_url:
        await container.infra.redis().aclose()
