"""Caching decorators over the query ports.

Shared entries hold only what is the same for every viewer: article documents and list pages with
`favorited`/`following` false, tags, profiles with `following` false. A viewer's own flags are
filled in per request from ViewerRelations, whose answers are cached per viewer (keyed by the
viewer, never shared). Per-viewer entries also hold a viewer's feed page (impersonal, completed the
same way) and the account state that authentication checks.
"""

import dataclasses
from collections.abc import Collection, Sequence
from typing import TypeVar

from adapters.cache.read_through import Codec, ReadThrough, digest
from core.articles.ports import ArticleFilters, ArticleQueries
from core.articles.views import ArticlePage, ArticleSummary, ArticleView
from core.profiles.ports import FoundProfile, ProfileQueries
from core.shared.pagination import PageRequest, Slice
from core.shared.profiles import ProfileView
from core.shared.relations import Flags, ViewerRelations
from core.shared.text import canonical
from core.tags.ports import TagQueries
from core.users.domain import User
from core.users.ports import UserFilters, UserQueries
from core.users.views import SessionState, SessionView, UserSummary, UserView

A = TypeVar("A", bound=ArticleSummary)

# Generations (see notifier.py for who bumps them).
LISTS = "lists"  # any article, favorite or tag change
PEOPLE = "people"  # any public profile change


def article_generation(slug: str) -> str:
    return f"article:{digest(slug)}"


def account_generation(user_id: int) -> str:
    """Role, ban, token version, username of one account."""
    return f"account:{user_id}"


def session_generation(session_id: str) -> str:
    """One session: ended, or its last use moved."""
    return f"session:{session_id}"


def viewer_generation(viewer_id: int) -> str:
    """One viewer's favorites and follows."""
    return f"viewer:{viewer_id}"


def _impersonal(profile: ProfileView) -> ProfileView:
    return dataclasses.replace(profile, following=False)


def _impersonal_article(article: A) -> A:
    return dataclasses.replace(article, favorited=False, author=_impersonal(article.author))


ARTICLE = Codec("article", ArticleView, _impersonal_article)
PAGE = Codec(
    "page",
    ArticlePage,
    lambda page: ArticlePage(articles=[_impersonal_article(a) for a in page.articles], total=page.total),
)
PROFILE = Codec(
    "profile", FoundProfile, lambda found: dataclasses.replace(found, profile=_impersonal(found.profile))
)
TAGS: Codec[list[str]] = Codec("tags", list[str], lambda tags: tags)  # type: ignore[arg-type]
# Per-viewer entries: the key names the viewer, so nothing is personal to drop.
SESSION = Codec("session", SessionState, lambda state: state)
FLAGS = Codec("flags", Flags, lambda flags: flags)


class CachedArticleQueries(ArticleQueries):
    def __init__(self, inner: ArticleQueries, *, cache: ReadThrough, relations: ViewerRelations) -> None:
        self._inner, self._cache, self._relations = inner, cache, relations

    async def get(self, slug: str, viewer_id: int | None) -> ArticleView | None:
        view, own = await self._cache.read(
            ARTICLE,
            digest(slug),
            [article_generation(slug), PEOPLE],
            lambda: self._inner.get(slug, viewer_id),
        )
        if view is None or own or viewer_id is None:
            return view
        return (await self._personal(viewer_id, [view]))[0]

    async def list_articles(
        self, filters: ArticleFilters, page: PageRequest, viewer_id: int | None
    ) -> ArticlePage:
        ident = digest(repr((filters.tag, filters.author, filters.favorited_by, page.limit, page.offset)))
        result, own = await self._cache.read(
            PAGE, ident, [LISTS, PEOPLE], lambda: self._inner.list_articles(filters, page, viewer_id)
        )
        assert result is not None  # noqa: S101 (a page is never None)
        if own or viewer_id is None:
            return result
        return ArticlePage(articles=await self._personal(viewer_id, result.articles), total=result.total)

    async def feed(self, viewer_id: int, page: PageRequest) -> ArticlePage:
        """Personal by nature: kept under the viewer's key, never shared."""
        result, own = await self._cache.read(
            PAGE,
            f"feed:{viewer_id}:{page.limit}:{page.offset}",
            [viewer_generation(viewer_id), LISTS, PEOPLE],
            lambda: self._inner.feed(viewer_id, page),
        )
        assert result is not None  # noqa: S101 (a page is never None)
        if own:
            return result
        return ArticlePage(articles=await self._personal(viewer_id, result.articles), total=result.total)

    async def _personal(self, viewer_id: int, articles: Sequence[A]) -> list[A]:
        if not articles:
            return []
        authors = {a.author.username: canonical(a.author.username) for a in articles}
        flags = await self._relations.flags(viewer_id, {a.slug for a in articles}, set(authors.values()))
        if not flags.favorited and not flags.followed:
            return list(articles)  # shared entries hold False for both already
        followed = {name for name, key in authors.items() if key in flags.followed}
        return [
            dataclasses.replace(
                a,
                favorited=a.slug in flags.favorited,
                author=dataclasses.replace(a.author, following=a.author.username in followed),
            )
            if a.slug in flags.favorited or a.author.username in followed
            else a
            for a in articles
        ]


class CachedProfileQueries(ProfileQueries):
    def __init__(self, inner: ProfileQueries, *, cache: ReadThrough, relations: ViewerRelations) -> None:
        self._inner, self._cache, self._relations = inner, cache, relations

    async def find(self, canonical_username: str, viewer_id: int | None) -> FoundProfile | None:
        found, own = await self._cache.read(
            PROFILE,
            digest(canonical_username),
            [PEOPLE],
            lambda: self._inner.find(canonical_username, viewer_id),
        )
        if found is None or own or viewer_id is None:
            return found
        flags = await self._relations.flags(viewer_id, (), [canonical_username])
        following = canonical_username in flags.followed
        return dataclasses.replace(found, profile=dataclasses.replace(found.profile, following=following))


class CachedTagQueries(TagQueries):
    def __init__(self, inner: TagQueries, *, cache: ReadThrough) -> None:
        self._inner, self._cache = inner, cache

    async def tags_in_use(self) -> list[str]:
        tags, _ = await self._cache.read(TAGS, "all", [LISTS], self._inner.tags_in_use)
        return tags or []


class CachedViewerRelations(ViewerRelations):
    """A viewer's flags for a set of slugs and usernames, under that viewer's key.

    Invalidated by the viewer's own favorites and follows, and by any change that could rename or
    remove what the answer names (an article's slug: LISTS; a username: PEOPLE).
    """

    def __init__(self, inner: ViewerRelations, *, cache: ReadThrough) -> None:
        self._inner, self._cache = inner, cache

    async def flags(
        self, viewer_id: int, slugs: Collection[str], canonical_usernames: Collection[str]
    ) -> Flags:
        if not slugs and not canonical_usernames:
            return Flags()
        found, _ = await self._cache.read(
            FLAGS,
            f"{viewer_id}:{digest(repr((sorted(slugs), sorted(canonical_usernames))))}",
            [viewer_generation(viewer_id), LISTS, PEOPLE],
            lambda: self._inner.flags(viewer_id, slugs, canonical_usernames),
        )
        return found or Flags()


class CachedUserQueries(UserQueries):
    """Caches the session state authentication checks on every request; the rest goes through.

    Every change to it (ban, role, revocation, rename, deletion: the account's generation; an ended
    or used session: the session's) bumps a generation after its commit, and any process that makes
    such a change must reach this cache or refuse it (ADR 0012): a revoked token fails on the very
    next request anywhere.
    """

    def __init__(self, inner: UserQueries, *, cache: ReadThrough) -> None:
        self._inner, self._cache = inner, cache

    async def session_state(self, user_id: int, session_id: str) -> SessionState | None:
        state, _ = await self._cache.read(
            SESSION,
            f"{user_id}:{session_id}",
            [account_generation(user_id), session_generation(session_id)],
            lambda: self._inner.session_state(user_id, session_id),
        )
        return state

    async def sessions_of(self, user_id: int) -> list[SessionView]:
        return await self._inner.sessions_of(user_id)

    async def user_view(self, user_id: int) -> UserView | None:
        return await self._inner.user_view(user_id)

    async def by_email(self, canonical_email: str) -> User | None:
        return await self._inner.by_email(canonical_email)  # what a login checks is never cached

    async def list_users(self, page: PageRequest, filters: UserFilters) -> Slice[UserSummary]:
        return await self._inner.list_users(page, filters)
