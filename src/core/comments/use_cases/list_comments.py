"""Read the comments of an article."""

from core.comments.errors import ArticleNotFound
from core.comments.ports import ArticleLookup, CommentQueries
from core.comments.views import CommentView


class ListComments:
    """Newest first. Raises ArticleNotFound."""

    def __init__(self, *, articles: ArticleLookup, queries: CommentQueries) -> None:
        self._articles, self._queries = articles, queries

    async def execute(self, slug: str, viewer_id: int | None) -> list[CommentView]:
        article_id = await self._articles.article_id(slug)
        if article_id is None:
            raise ArticleNotFound
        return await self._queries.for_article(article_id, viewer_id)
