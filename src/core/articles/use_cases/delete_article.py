"""Delete an article with its comments, favorites and tags, in one transaction."""

from core.articles.errors import ArticleNotFound, NotArticleAuthor
from core.articles.ports import ArticlesUnitOfWork
from core.shared.actor import Actor
from core.shared.clock import Clock
from core.shared.moderation import authorize_removal


class DeleteArticle:
    """The author may delete their article; moderators and admins any article (audited).

    Raises ArticleNotFound, NotArticleAuthor (403).
    """

    def __init__(self, *, uow: ArticlesUnitOfWork, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    async def execute(self, slug: str, actor: Actor, reason: str = "") -> None:
        async with self._uow as uow:
            article = await uow.articles.get_by_slug(slug)
            if article is None:
                raise ArticleNotFound
            await authorize_removal(
                actor,
                author_id=article.author_id,
                denied=NotArticleAuthor(),
                audit=uow.audit,
                action="article.delete",
                target=f"article:{slug}",
                reason=reason,
                now=self._clock.now(),
            )
            if not await uow.articles.delete(article.id):  # a concurrent delete won: no audit, one 204
                raise ArticleNotFound
            await uow.commit()
