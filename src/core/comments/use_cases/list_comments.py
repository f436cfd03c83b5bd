"""Read the comments of an article."""

import dataclasses

from core.comments.errors import ArticleNotFound
from core.comments.ports import ArticleLookup, CommentQueries
from core.comments.views import CommentView
from core.shared.relations import ViewerRelations, with_following


class ListComments:
    """Newest first. Raises ArticleNotFound."""

    def __init__(
        self, *, articles: ArticleLookup, queries: CommentQueries, relations: ViewerRelations
    ) -> None:
        self._articles, self._queries, self._relations = articles, queries, relations

    async def execute(self, slug: str, viewer_id: int | None) -> list[CommentView]:
        article_id = await self._articles.article_id(slug)
        if article_id is None:
            raise ArticleNotFound
        found = await self._queries.for_article(article_id)
        authors = await with_following(self._relations, viewer_id, [c.author for c in found])
        return [
            c if c.author is a else dataclasses.replace(c, author=a)
            for c, a in zip(found, authors, strict=True)
        ]
