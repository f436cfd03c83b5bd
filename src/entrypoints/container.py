"""The composition root: the one place (with entrypoints.infrastructure) that picks concrete adapters
for the core's ports.

Every entrypoint (HTTP, admin console, CLI, Python API) builds its object graph here. The graph is kept
synchronous (no async Resources): async clean-up lives in `aclose`.
"""

from typing import Any

from dependency_injector import containers, providers

from adapters.cache.control import StoreCacheControl
from adapters.cache.queries import (
    CachedArticleLookup,
    CachedArticleQueries,
    CachedProfileQueries,
    CachedTagQueries,
    CachedUserQueries,
)
from adapters.cache.stats import ShortLivedActivity, ShortLivedStats
from adapters.persistence.article_queries import SqlArticleQueries
from adapters.persistence.audit import SqlAuditQueries
from adapters.persistence.comments import SqlArticleLookup, SqlCommentQueries
from adapters.persistence.content import SqlContentQueries
from adapters.persistence.counts import SqlCounts
from adapters.persistence.demo_data import SqlDemoDataWriter
from adapters.persistence.profiles import SqlProfileQueries
from adapters.persistence.sessions import SqlSessionActivity, SqlSessionLog
from adapters.persistence.stats import SqlStatsQueries
from adapters.persistence.tags import SqlTagQueries
from adapters.persistence.unit_of_work import (
    SqlArticlesUnitOfWork,
    SqlCommentsUnitOfWork,
    SqlProfilesUnitOfWork,
    SqlUsersUnitOfWork,
)
from adapters.persistence.users import SqlUserQueries
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
from entrypoints.infrastructure import Infrastructure, cached_or_plain
from entrypoints.settings import Settings


class Users(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()

    uow = providers.Factory(SqlUsersUnitOfWork, infra.session_factory, infra.changes)
    sql_queries = providers.Singleton(SqlUserQueries, infra.read_session_factory)
    queries = cached_or_plain(infra.account_cache_mode, sql_queries, CachedUserQueries, cache=infra.cache)

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
        sessions=providers.Singleton(SqlSessionLog, infra.autocommit_engine),
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
    queries = cached_or_plain(infra.cache_mode, sql_queries, CachedProfileQueries, cache=infra.cache)

    get_profile = providers.Factory(GetProfile, queries=queries, relations=infra.relations)
    follow_user = providers.Factory(FollowUser, uow=uow, queries=queries)
    unfollow_user = providers.Factory(UnfollowUser, uow=uow, queries=queries)


class Articles(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()

    uow = providers.Factory(SqlArticlesUnitOfWork, infra.session_factory, infra.changes)
    sql_queries = providers.Singleton(SqlArticleQueries, infra.read_session_factory)
    queries = cached_or_plain(infra.cache_mode, sql_queries, CachedArticleQueries, cache=infra.cache)
    _reads = {"queries": queries, "relations": infra.relations}

    create_article = providers.Factory(CreateArticle, uow=uow, clock=infra.clock)
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
    sql_articles = providers.Singleton(SqlArticleLookup, infra.read_session_factory)
    articles = cached_or_plain(infra.cache_mode, sql_articles, CachedArticleLookup, cache=infra.cache)

    add_comment = providers.Factory(AddComment, uow=uow, articles=articles, clock=infra.clock)
    list_comments = providers.Factory(
        ListComments, articles=articles, queries=queries, relations=infra.relations
    )
    delete_comment = providers.Factory(DeleteComment, uow=uow, articles=articles, clock=infra.clock)


class Tags(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()

    sql_queries = providers.Singleton(SqlTagQueries, infra.read_session_factory)
    queries = cached_or_plain(infra.cache_mode, sql_queries, CachedTagQueries, cache=infra.cache)
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
