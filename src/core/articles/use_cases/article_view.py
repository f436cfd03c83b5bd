"""Read one article as a viewer sees it; shared by the use cases that answer with an article."""

from core.articles.errors import ArticleNotFound
from core.articles.ports import ArticleQueries
from core.articles.views import ArticleView


async def article_view(queries: ArticleQueries, slug: str, viewer_id: int | None) -> ArticleView:
    view = await queries.get(slug, viewer_id)
    if view is None:
        raise ArticleNotFound
    return view
