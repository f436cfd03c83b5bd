"""In-memory fakes of the articles ports, on the shared in-memory world."""

import copy
from collections.abc import Sequence
from typing import Any

from core.articles.domain import Article, NewArticle
from core.articles.errors import ArticleNotFound
from core.articles.ports import (
    ArticleFilters,
    ArticleQueries,
    ArticleRepository,
    ArticlesUnitOfWork,
    FavoriteRepository,
    Published,
)
from core.articles.views import ArticleRef, ArticleSummary, ArticleView, Listing
from core.shared.errors import AlreadyExists
from core.shared.pagination import PageRequest
from tests.fakes.audit import InMemoryAuditTrail
from tests.fakes.world import InMemoryUnitOfWork, InMemoryWorld, Tables


class InMemoryArticleRepository(ArticleRepository):
    def __init__(self, tables: Tables, world: InMemoryWorld) -> None:
        self._tables, self._world = tables, world

    async def add(self, new_article: NewArticle) -> Published:
        if await self.slug_taken(new_article.slug):
            raise AlreadyExists("slug")
        article = Article(
            id=self._world.new_id("articles"),
            slug=new_article.slug,
            title=new_article.title.value,
            description=new_article.description.value,
            body=new_article.body.value,
            tags=new_article.tags.values,
            author_id=new_article.author_id,
            created_at=new_article.created_at,
            updated_at=new_article.created_at,
        )
        self._tables.articles[article.id] = article
        return Published(copy.copy(article), self._world.profile(article.author_id))

    async def get_by_slug(self, slug: str) -> Article | None:
        found = (a for a in self._tables.articles.values() if a.slug == slug)
        return next((copy.copy(a) for a in found), None)

    async def slug_taken(self, slug: str) -> bool:
        return any(a.slug == slug for a in self._tables.articles.values())

    async def save(self, article: Article) -> None:
        if any(a.slug == article.slug and a.id != article.id for a in self._tables.articles.values()):
            raise AlreadyExists("slug")
        if article.id in self._tables.articles:
            self._tables.articles[article.id] = copy.copy(article)

    async def delete(self, article_id: int) -> bool:
        if self._tables.articles.pop(article_id, None) is None:
            return False
        for comment in [c for c in self._tables.comments.values() if c.article_id == article_id]:
            del self._tables.comments[comment.id]
        self._tables.favorites -= {f for f in self._tables.favorites if f[1] == article_id}
        return True


class InMemoryFavoriteRepository(FavoriteRepository):
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    async def add(self, user_id: int, slug: str) -> int:
        article_id = self._id_of(slug)
        self._tables.favorites.add((user_id, article_id))
        return self._count(article_id)

    async def remove(self, user_id: int, slug: str) -> int:
        article_id = self._id_of(slug)
        self._tables.favorites.discard((user_id, article_id))
        return self._count(article_id)

    def _count(self, article_id: int) -> int:
        return sum(1 for _, favorited in self._tables.favorites if favorited == article_id)

    def _id_of(self, slug: str) -> int:
        found = [a.id for a in self._tables.articles.values() if a.slug == slug]
        if not found:
            raise ArticleNotFound
        return found[0]


class InMemoryArticlesUnitOfWork(InMemoryUnitOfWork, ArticlesUnitOfWork):
    def _bind(self, tables: Tables) -> None:
        self.articles = InMemoryArticleRepository(tables, self._world)
        self.favorites = InMemoryFavoriteRepository(tables)
        self.audit = InMemoryAuditTrail(tables.audit)


class InMemoryArticleQueries(ArticleQueries):
    """Reads what is committed, like a separate session would."""

    def __init__(self, world: InMemoryWorld) -> None:
        self._world = world

    async def get(self, slug: str) -> ArticleView | None:
        found = [a for a in self._world.tables.articles.values() if a.slug == slug]
        return ArticleView(**self._fields(found[0]), body=found[0].body) if found else None

    async def listing(self, filters: ArticleFilters, page: PageRequest) -> Listing:
        return self._listing([a for a in self._articles() if self._matches(a, filters)], page)

    async def feed_listing(self, viewer_id: int, page: PageRequest) -> Listing:
        followed = {followee for follower, followee in self._world.tables.follows if follower == viewer_id}
        return self._listing([a for a in self._articles() if a.author_id in followed], page)

    async def summaries(self, refs: Sequence[ArticleRef]) -> list[ArticleSummary]:
        stored = self._world.tables.articles
        return [ArticleSummary(**self._fields(stored[r.id])) for r in refs if r.id in stored]

    def _articles(self) -> list[Article]:
        return sorted(self._world.tables.articles.values(), key=lambda a: (a.created_at, a.id), reverse=True)

    def _matches(self, article: Article, filters: ArticleFilters) -> bool:
        if filters.tag is not None and filters.tag not in article.tags:
            return False
        if filters.author is not None and self._world.user_id(filters.author) != article.author_id:
            return False
        if filters.favorited_by is not None:
            fan = self._world.user_id(filters.favorited_by)
            return (fan, article.id) in self._world.tables.favorites
        return True

    def _listing(self, matching: list[Article], page: PageRequest) -> Listing:
        chosen = matching[page.offset : page.offset + page.limit]
        return Listing(refs=[ArticleRef(id=a.id, slug=a.slug) for a in chosen], total=len(matching))

    def _fields(self, article: Article) -> dict[str, Any]:
        fans = {user for user, liked in self._world.tables.favorites if liked == article.id}
        return {
            "slug": article.slug,
            "title": article.title,
            "description": article.description,
            "tag_list": sorted(article.tags),
            "created_at": article.created_at,
            "updated_at": article.updated_at,
            "favorited": False,
            "favorites_count": len(fans),
            "author": self._world.profile(article.author_id),
        }
