"""List articles (newest first, filtered) and the personal feed."""

from dataclasses import dataclass

from core.articles.ports import ArticleFilters, ArticleQueries
from core.articles.use_cases.viewer_flags import with_viewer_flags
from core.articles.views import ArticlePage, Listing
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
        listing = await self._queries.listing(filters, page)
        return await page_of(self._queries, self._relations, query.viewer_id, listing)


class FeedArticles:
    """Articles by the authors the viewer follows, newest first."""

    def __init__(self, *, queries: ArticleQueries, relations: ViewerRelations) -> None:
        self._queries, self._relations = queries, relations

    async def execute(self, viewer_id: int, *, limit: int = DEFAULT_LIMIT, offset: int = 0) -> ArticlePage:
        listing = await self._queries.feed_listing(viewer_id, PageRequest(limit=limit, offset=offset))
        return await page_of(self._queries, self._relations, viewer_id, listing)


async def page_of(
    queries: ArticleQueries, relations: ViewerRelations, viewer_id: int | None, listing: Listing
) -> ArticlePage:
    """The listed articles' summaries, as this viewer sees them."""
    summaries = await queries.summaries(listing.refs) if listing.refs else []
    return ArticlePage(articles=await with_viewer_flags(relations, viewer_id, summaries), total=listing.total)
