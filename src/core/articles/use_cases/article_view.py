"""Read one article as a viewer sees it; shared by the use cases that answer with an article."""

from core.articles.errors import ArticleNotFound
from core.articles.ports import ArticleQueries
from core.articles.use_cases.viewer_flags import with_viewer_flags
from core.articles.views import ArticleView
from core.shared.relations import ViewerRelations


async def article_view(
    queries: ArticleQueries, relations: ViewerRelations, slug: str, viewer_id: int | None
) -> ArticleView:
    view = await queries.get(slug)
    if view is None:
        raise ArticleNotFound
    return (await with_viewer_flags(relations, viewer_id, [view]))[0]
