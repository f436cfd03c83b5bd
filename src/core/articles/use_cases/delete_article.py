"""Delete an article (author only) with its comments, favorites and tags, in one transaction."""

from core.articles.errors import ArticleNotFound
from core.articles.ports import ArticlesUnitOfWork


class DeleteArticle:
    """Raises ArticleNotFound, NotArticleAuthor (403)."""

    def __init__(self, *, uow: ArticlesUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, slug: str, user_id: int) -> None:
        async with self._uow as uow:
            article = await uow.articles.get_by_slug(slug)
            if article is None:
                raise ArticleNotFound
            article.ensure_editable_by(user_id)
            await uow.articles.delete(article.id)
            await uow.commit()
