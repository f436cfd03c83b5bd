"""Favorite and unfavorite an article (both idempotent)."""

import dataclasses

from core.articles.errors import ArticleNotFound
from core.articles.ports import ArticleQueries, ArticlesUnitOfWork
from core.articles.views import ArticleView
from core.shared.relations import ViewerRelations, with_following


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
        """Raises ArticleNotFound. Returns the article with the exact new favorites count.

        The article is read before the write, where a cache usually has it (the write makes its
        entries miss), and answered with the count the write returned and the flag it set: nothing
        is read back. Its text is what it was an instant before, as when read just before."""
        article = await self._queries.get(slug)
        if article is None:
            raise ArticleNotFound
        async with self._uow as uow:
            change = uow.favorites.add if self._favorite else uow.favorites.remove
            count = await change(user_id, slug)
            await uow.commit()
        (author,) = await with_following(self._relations, user_id, [article.author])
        return dataclasses.replace(article, favorited=self._favorite, favorites_count=count, author=author)


class FavoriteArticle(_ChangeFavorite):
    _favorite = True


class UnfavoriteArticle(_ChangeFavorite):
    _favorite = False
