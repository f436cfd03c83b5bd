"""Caching decorators over the query ports.

Read models are the same for every viewer, so their entries are shared as loaded: article
documents, listings and the summaries of their articles, tags, profiles. The use cases add a
viewer's own flags from ViewerRelations, whose answers are cached per viewer (keyed by the viewer,
never shared). Per-viewer entries also hold a viewer's feed listing and the session and account
state that authentication checks.
"""

import asyncio
from collections.abc import Awaitable, Callable, Collection, Sequence

import msgspec

from adapters.cache.read_through import Codec, ReadThrough, digest
from adapters.cache.vocabulary import (
    FAVORITES,
    LISTS,
    PEOPLE,
    SLUGS,
    account_generation,
    article_generation,
    fan_generation,
    following_generation,
    session_generation,
    tag_generation,
)
from core.articles.ports import ArticleFilters, ArticleQueries
from core.articles.views import ArticlePage, ArticleRef, ArticleSummary, ArticleView, Listing
from core.comments.ports import ArticleLookup
from core.profiles.ports import FoundProfile, ProfileQueries
from core.shared.pagination import MAX_LIMIT, PageRequest, Slice
from core.shared.relations import Flags, ViewerRelations
from core.tags.ports import TagQueries
from core.users.domain import User
from core.users.ports import UserFilters, UserQueries
from core.users.views import SessionState, SessionView, UserSummary, UserView

# Read models are impersonal (the use cases add the viewer's flags), and per-viewer entries name the
# viewer in their key: every value can be stored as loaded.
ARTICLE = Codec("article", ArticleView)
ARTICLE_ID = Codec("article-id", int)
LISTING = Codec("listing", Listing)
SUMMARY = Codec("summary", ArticleSummary)
PAGE = Codec("page", ArticlePage, composed=True)
PROFILE = Codec("profile", FoundProfile)
TAGS: Codec[list[str]] = Codec("tags", list[str])  # type: ignore[arg-type]
SESSION = Codec("session", SessionState)
FLAGS = Codec("flags", Flags)
CHUNK, CHUNKS = MAX_LIMIT, 10  # listings are cached in chunks of the largest page, for the first ten


class CachedArticleQueries(ArticleQueries):
    """Listings and summaries are kept apart: a listing depends on what changes which articles a
    list holds (LISTS; PEOPLE for a username in the filters; FAVORITES for a fan's list; the
    viewer's follows for a feed), a summary on its own article. So a favorite makes one summary
    miss, and a new article only the listings, whose rebuild is one index walk. A page read is
    one composed entry made of both (one lookup on a hit)."""

    def __init__(self, inner: ArticleQueries, *, cache: ReadThrough) -> None:
        self._inner, self._cache = inner, cache

    async def get(self, slug: str) -> ArticleView | None:
        view, _ = await self._cache.read(
            ARTICLE, digest(slug), [article_generation(slug), PEOPLE], lambda: self._inner.get(slug)
        )
        return view

    async def page(self, filters: ArticleFilters, page: PageRequest) -> ArticlePage:
        ident = digest(repr((filters.tag, filters.author, filters.favorited_by, page.limit, page.offset)))
        return await self._stored_page(ident, lambda: ArticleQueries.page(self, filters, page))

    async def feed_page(self, viewer_id: int, page: PageRequest) -> ArticlePage:
        """Personal by nature: kept under the viewer's key, never shared."""
        return await self._stored_page(
            f"feed:{viewer_id}:{page.limit}:{page.offset}",
            lambda: ArticleQueries.feed_page(self, viewer_id, page),
        )

    async def _stored_page(self, ident: str, load: Callable[[], Awaitable[ArticlePage]]) -> ArticlePage:
        found, _ = await self._cache.read(PAGE, ident, [], load)
        assert found is not None  # noqa: S101 (a page is never None)
        return found

    async def listing(self, filters: ArticleFilters, page: PageRequest) -> Listing:
        ident = digest(repr((filters.tag, filters.author, filters.favorited_by)))
        if filters.author is None and filters.favorited_by is None and filters.tag is not None:
            generations = [tag_generation(filters.tag), SLUGS]  # a new article without the tag: kept
        else:
            generations = [LISTS]
        if filters.author is not None or filters.favorited_by is not None:
            generations.append(PEOPLE)  # a rename changes whose name finds what
        if filters.favorited_by is not None:
            generations.append(FAVORITES)
        return await self._chunked(ident, generations, page, lambda part: self._inner.listing(filters, part))

    async def feed_listing(self, viewer_id: int, page: PageRequest) -> Listing:
        """Which articles is personal: kept under the viewer's key, never shared."""
        return await self._chunked(
            f"feed:{viewer_id}",
            [following_generation(viewer_id), LISTS],
            page,
            lambda part: self._inner.feed_listing(viewer_id, part),
        )

    async def _chunked(
        self,
        ident: str,
        generations: list[str],
        page: PageRequest,
        load: Callable[[PageRequest], Awaitable[Listing]],
    ) -> Listing:
        """A page that falls inside one of the first CHUNKS chunks of CHUNK articles is cut from that
        chunk's entry: the pages readers browse (1 to 10 of 20) cost two entries, rebuilt with one
        index walk each after a new article instead of one per page. Other pages have their own."""
        chunk = page.offset // CHUNK
        if chunk < CHUNKS and page.offset + page.limit <= (chunk + 1) * CHUNK:
            part = PageRequest(limit=CHUNK, offset=chunk * CHUNK)
            found, _ = await self._cache.read(LISTING, f"{ident}:c{chunk}", generations, lambda: load(part))
            assert found is not None  # noqa: S101 (a listing is never None)
            start = page.offset - part.offset
            return Listing(refs=found.refs[start : start + page.limit], total=found.total)
        found, _ = await self._cache.read(
            LISTING, f"{ident}:{page.limit}:{page.offset}", generations, lambda: load(page)
        )
        assert found is not None  # noqa: S101 (a listing is never None)
        return found

    async def summaries(self, refs: Sequence[ArticleRef]) -> list[ArticleSummary]:
        """One entry per article (what a change to one article invalidates), all in one lookup."""

        async def load(positions: list[int]) -> dict[int, ArticleSummary]:
            by_slug = {s.slug: s for s in await self._inner.summaries([refs[i] for i in positions])}
            return {i: by_slug[refs[i].slug] for i in positions if refs[i].slug in by_slug}

        wanted = []
        for ref in refs:
            generation = article_generation(ref.slug)
            wanted.append((f"{ref.id}:{generation.removeprefix('article:')}", [generation, PEOPLE]))
        found = await self._cache.read_many(SUMMARY, wanted, load)
        return [summary for summary in found if summary is not None]


class CachedArticleLookup(ArticleLookup):
    """Which article a slug names, for comments: kept until any article goes or changes its slug
    (SLUGS; a user's deletion takes their articles without naming them). A slug that names nothing
    is never kept, so a new article is found at once."""

    def __init__(self, inner: ArticleLookup, *, cache: ReadThrough) -> None:
        self._inner, self._cache = inner, cache

    async def article_id(self, slug: str) -> int | None:
        found, _ = await self._cache.read(
            ARTICLE_ID, digest(slug), [SLUGS], lambda: self._inner.article_id(slug)
        )
        return found


class CachedProfileQueries(ProfileQueries):
    def __init__(self, inner: ProfileQueries, *, cache: ReadThrough) -> None:
        self._inner, self._cache = inner, cache

    async def find(self, canonical_username: str) -> FoundProfile | None:
        found, _ = await self._cache.read(
            PROFILE, digest(canonical_username), [PEOPLE], lambda: self._inner.find(canonical_username)
        )
        return found


class CachedTagQueries(TagQueries):
    def __init__(self, inner: TagQueries, *, cache: ReadThrough) -> None:
        self._inner, self._cache = inner, cache

    async def most_used(self, limit: int) -> list[str]:
        tags, _ = await self._cache.read(TAGS, str(limit), [LISTS], lambda: self._inner.most_used(limit))
        return tags or []


class _All(msgspec.Struct, array_like=True):
    names: set[str] | None  # None: too many for one entry


FAVORITED = Codec("favorited", _All)
FOLLOWED = Codec("followed", _All)


class CachedViewerRelations(ViewerRelations):
    """A viewer's flags, from two entries per viewer: every slug they favorited, every name they
    follow. Any page, article or profile they read then costs no query, however many distinct pages
    readers ask for. A favorite invalidates only the first (the answer to it still finds whom the
    viewer follows cached), a follow only the second; both also by anything that could make a slug
    or name mean something else (SLUGS, PEOPLE). A viewer with more than AT_MOST of either is
    answered per request, as the port does, cached under the viewer's key."""

    AT_MOST = 2_000

    def __init__(self, inner: ViewerRelations, *, cache: ReadThrough) -> None:
        self._inner, self._cache = inner, cache

    async def flags(
        self, viewer_id: int, slugs: Collection[str], canonical_usernames: Collection[str]
    ) -> Flags:
        if not slugs and not canonical_usernames:
            return Flags()
        reads = []
        if slugs:
            fan = [fan_generation(viewer_id), SLUGS]
            reads.append(self._all(FAVORITED, viewer_id, fan, self._inner.all_favorited))
        if canonical_usernames:
            following = [following_generation(viewer_id), PEOPLE]
            reads.append(self._all(FOLLOWED, viewer_id, following, self._inner.all_followed))
        found = await asyncio.gather(*reads) if len(reads) > 1 else [await reads[0]]  # one round trip
        favorited = found[0] if slugs else set()
        followed = found[-1] if canonical_usernames else set()
        if favorited is not None and followed is not None:
            return Flags(
                favorited={s for s in slugs if s in favorited},
                followed={n for n in canonical_usernames if n in followed},
            )
        generations = [fan_generation(viewer_id), following_generation(viewer_id), SLUGS, PEOPLE]
        answered, _ = await self._cache.read(
            FLAGS,
            f"{viewer_id}:{digest(repr((sorted(slugs), sorted(canonical_usernames))))}",
            generations,
            lambda: self._inner.flags(viewer_id, slugs, canonical_usernames),
        )
        return answered or Flags()

    async def all_favorited(self, viewer_id: int, at_most: int) -> set[str] | None:
        return await self._inner.all_favorited(viewer_id, at_most)

    async def all_followed(self, viewer_id: int, at_most: int) -> set[str] | None:
        return await self._inner.all_followed(viewer_id, at_most)

    async def _all(
        self,
        codec: Codec[_All],
        viewer_id: int,
        generations: list[str],
        load: Callable[[int, int], Awaitable[set[str] | None]],
    ) -> set[str] | None:
        async def everything() -> _All:
            return _All(await load(viewer_id, self.AT_MOST))

        found, _ = await self._cache.read(codec, str(viewer_id), generations, everything)
        return found.names if found is not None else None


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
