"""Ports of the articles module."""

from abc import abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from core.articles.domain import Article, NewArticle
from core.articles.views import ArticlePage, ArticleRef, ArticleSummary, ArticleView, Listing
from core.shared.audit import AuditTrail
from core.shared.pagination import PageRequest
from core.shared.profiles import ProfileView
from core.shared.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Published:
    """A new article as stored, with its author's profile as stored (impersonal): all its answer
    needs, so nothing is read back."""

    article: Article
    author: ProfileView


class ArticleRepository(Protocol):
    """Articles inside a unit of work. Never commits."""

    @abstractmethod
    async def add(self, new_article: NewArticle) -> Published:
        """Store the article with its tags. A taken slug raises AlreadyExists("slug"), here or at commit."""

    @abstractmethod
    async def get_by_slug(self, slug: str) -> Article | None: ...

    @abstractmethod
    async def slug_taken(self, slug: str) -> bool: ...

    @abstractmethod
    async def save(self, article: Article) -> None:
        """Write back fields and tags. A taken slug raises AlreadyExists("slug"), here or at commit."""

    @abstractmethod
    async def delete(self, article_id: int) -> bool:
        """Remove the article with its comments, favorites and tag links. False when it was gone
        already (a concurrent delete committed first): the caller must not audit or report it."""


class FavoriteRepository(Protocol):
    """Favorites inside a unit of work. Both operations are idempotent, also under concurrency, and
    raise ArticleNotFound when no article has that slug (found and changed in one step). Both
    return the article's favorites count after them, exact in their transaction."""

    @abstractmethod
    async def add(self, user_id: int, slug: str) -> int: ...

    @abstractmethod
    async def remove(self, user_id: int, slug: str) -> int: ...


class ArticlesUnitOfWork(UnitOfWork, Protocol):
    articles: ArticleRepository
    favorites: FavoriteRepository
    audit: AuditTrail


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleFilters:
    """All given filters apply together. Usernames are canonical (see core.shared.text.canonical)."""

    tag: str | None = None
    author: str | None = None
    favorited_by: str | None = None


class ArticleQueries(Protocol):
    """Read models, the same for every viewer: `favorited` and the author's `following` are False
    (the use cases add the viewer's through ViewerRelations). A fixed cost per call at any size.

    A list is read in two steps, which articles (a listing) and then what each shows (summaries),
    so that each can be kept apart: a new article changes listings, a favorite one summary."""

    @abstractmethod
    async def get(self, slug: str) -> ArticleView | None: ...

    @abstractmethod
    async def listing(self, filters: ArticleFilters, page: PageRequest) -> Listing:
        """Newest first (created_at, then id, descending)."""

    @abstractmethod
    async def feed_listing(self, viewer_id: int, page: PageRequest) -> Listing:
        """Articles by the authors the viewer follows, newest first."""

    @abstractmethod
    async def summaries(self, refs: Sequence[ArticleRef]) -> list[ArticleSummary]:
        """The articles named, in that order; one deleted since its listing was read is left out."""

    async def page(self, filters: ArticleFilters, page: PageRequest) -> ArticlePage:
        """A listing's page with its summaries. Both steps in turn here; a cache may keep the pair
        as one entry (one lookup for a page read)."""
        return await _page_of(self, await self.listing(filters, page))

    async def feed_page(self, viewer_id: int, page: PageRequest) -> ArticlePage:
        """The feed listing's page with its summaries, like `page`."""
        return await _page_of(self, await self.feed_listing(viewer_id, page))


async def _page_of(queries: ArticleQueries, listing: Listing) -> ArticlePage:
    return ArticlePage(
        articles=await queries.summaries(listing.refs) if listing.refs else [], total=listing.total
    )
