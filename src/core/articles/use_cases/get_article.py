"""Read one article."""

from core.articles.ports import ArticleQueries
from core.articles.use_cases.article_view import article_view
from core.articles.views import ArticleView
from core.shared.relations import ViewerRelations


class GetArticle:
    """Raises ArticleNotFound."""

    def __init__(self, *, queries: ArticleQueries, relations: ViewerRelations) -> None:
        self._queries, self._relations = queries, relations

    async def execute(self, slug: str, viewer_id: int | None) -> ArticleView:
        return await article_view(self._queries, self._relations, slug, viewer_id)
