"""Read one article."""

from core.articles.ports import ArticleQueries
from core.articles.use_cases.article_view import article_view
from core.articles.views import ArticleView


class GetArticle:
    """Raises ArticleNotFound."""

    def __init__(self, *, queries: ArticleQueries) -> None:
        self._queries = queries

    async def execute(self, slug: str, viewer_id: int | None) -> ArticleView:
        return await article_view(self._queries, slug, viewer_id)
