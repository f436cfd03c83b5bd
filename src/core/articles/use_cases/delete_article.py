"""Delete an article (author only) with its comments, favorites and tags, in one transaction."""

from core.articles.errors import ArticleNotFound
from core.articles.ports import ArticlesUnitOfWork
from core.shared.changes import ChangeNotifier


class DeleteArticle:
    """Raises ArticleNotFound, NotArticleAuthor (403)."""

    def __init__(self, *, uow: ArticlesUnitOfWork, changes: ChangeNotifier) -> None:
        self._uow, self._changes = uow, changes

    async def execute(self, slug: str, user_id: int) -> None:
        async with self._uow as uow:
            article = await uow.articles.get_by_slug(slug)
            if article is None:
                raise ArticleNotFound
            article.ensure_editable_by(user_id)
            await uow.articles.delete(article.id)
            await uow.commit()
        await self._changes.articles_changed([slug])
