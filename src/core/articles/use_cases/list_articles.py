"""List articles (newest first, filtered) and the personal feed."""

from dataclasses import dataclass

from core.articles.ports import ArticleFilters, ArticleQueries
from core.articles.use_cases.viewer_flags import with_viewer_flags
from core.articles.views import ArticlePage
from core.shared.pagination import DEFAULT_LIMIT, PageRequest
from core.shared.relations import ViewerRelations
from core.shared.text import canonical


@dataclass(frozen=True, slots=True, kw_only=True)
class ListArticlesQuery:
    tag: str | None = None
    author: str | None = None
    favorited: str | None = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    viewer_id: int | None = None


class ListArticles:
    """Filters combine; an unknown tag or user gives an empty page, not an error. Raises InvalidInput
    for a bad limit or offset."""

    def __init__(self, *, queries: ArticleQueries, relations: ViewerRelations) -> None:
        self._queries, self._relations = queries, relations

    async def execute(self, query: ListArticlesQuery) -> ArticlePage:
        page = PageRequest(limit=query.limit, offset=query.offset)
        filters = ArticleFilters(
            tag=query.tag.strip() if query.tag else None,
            author=canonical(query.author.strip()) if query.author else None,
            favorited_by=canonical(query.favorited.strip()) if query.favorited else None,
        )
        found = await self._queries.page(filters, page)
        return await as_seen_by(self._relations, query.viewer_id, found)


class FeedArticles:
    """Articles by the authors the viewer follows, newest first."""

    def __init__(self, *, queries: ArticleQueries, relations: ViewerRelations) -> None:
        self._queries, self._relations = queries, relations

    async def execute(self, viewer_id: int, *, limit: int = DEFAULT_LIMIT, offset: int = 0) -> ArticlePage:
        found = await self._queries.feed_page(viewer_id, PageRequest(limit=limit, offset=offset))
        return await as_seen_by(self._relations, viewer_id, found)


async def as_seen_by(relations: ViewerRelations, viewer_id: int | None, page: ArticlePage) -> ArticlePage:
    """The page as this viewer sees it."""
    articles = await with_viewer_flags(relations, viewer_id, page.articles)
    return ArticlePage(articles=articles, total=page.total)
