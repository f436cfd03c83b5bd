"""Caching decorators over the query ports.

Only what is the same for every viewer is stored: article documents and list pages with
`favorited`/`following` false, tags, profiles with `following` false. A viewer's own flags are
then filled in with one query each (ViewerRelations), never stored in a shared entry.
"""

import dataclasses
from collections.abc import Sequence
from typing import TypeVar

from adapters.cache.read_through import Codec, ReadThrough, digest
from core.articles.ports import ArticleFilters, ArticleQueries
from core.articles.views import ArticlePage, ArticleSummary, ArticleView
from core.profiles.ports import FoundProfile, ProfileQueries
from core.shared.pagination import PageRequest
from core.shared.profiles import ProfileView
from core.shared.relations import ViewerRelations
from core.shared.text import canonical
from core.tags.ports import TagQueries

A = TypeVar("A", bound=ArticleSummary)

# Generations (see notifier.py for who bumps them).
LISTS = "lists"  # any article, favorite or tag change
PEOPLE = "people"  # any public profile change


def article_generation(slug: str) -> str:
    return f"article:{digest(slug)}"


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
        return await self._inner.feed(viewer_id, page)  # personal by nature: never shared

    async def _personal(self, viewer_id: int, articles: Sequence[A]) -> list[A]:
        if not articles:
            return []
        favorited = await self._relations.favorited(viewer_id, {a.slug for a in articles})
        followed = await self._relations.followed(viewer_id, {canonical(a.author.username) for a in articles})
        return [
            dataclasses.replace(
                a,
                favorited=a.slug in favorited,
                author=dataclasses.replace(a.author, following=canonical(a.author.username) in followed),
            )
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
        following = canonical_username in await self._relations.followed(viewer_id, [canonical_username])
        return dataclasses.replace(found, profile=dataclasses.replace(found.profile, following=following))


class CachedTagQueries(TagQueries):
    def __init__(self, inner: TagQueries, *, cache: ReadThrough) -> None:
        self._inner, self._cache = inner, cache

    async def tags_in_use(self) -> list[str]:
        tags, _ = await self._cache.read(TAGS, "all", [LISTS], self._inner.tags_in_use)
        return tags or []
