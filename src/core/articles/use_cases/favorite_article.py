"""Favorite and unfavorite an article (both idempotent)."""

from core.articles.ports import ArticleQueries, ArticlesUnitOfWork
from core.articles.use_cases.article_view import article_view
from core.articles.views import ArticleView
from core.shared.relations import ViewerRelations


class _ChangeFavorite:
    _favorite: bool

    def __init__(
        self,
        *,
        uow: ArticlesUnitOfWork,
        queries: ArticleQueries,
        relations: ViewerRelations,
    ) -> None:
        self._uow, self._queries, self._relations = uow, queries, relations

    async def execute(self, slug: str, user_id: int) -> ArticleView:
        """Raises ArticleNotFound. Returns the article with the exact new favorites count."""
        async with self._uow as uow:
            if self._favorite:
                await uow.favorites.add(user_id, slug)
            else:
                await uow.favorites.remove(user_id, slug)
            await uow.commit()
        return await article_view(self._queries, self._relations, slug, user_id)


class FavoriteArticle(_ChangeFavorite):
    _favorite = True


class UnfavoriteArticle(_ChangeFavorite):
    _favorite = False
