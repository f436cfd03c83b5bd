"""Delete an article with its comments, favorites and tags, in one transaction."""

from core.articles.errors import ArticleNotFound
from core.articles.ports import ArticlesUnitOfWork
from core.shared.actor import Actor
from core.shared.audit import AuditEntry
from core.shared.clock import Clock


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
            if not actor.can_moderate or actor.user_id == article.author_id:
                article.ensure_editable_by(actor.user_id)
            else:
                entry = AuditEntry(
                    actor=actor.name,
                    action="article.delete",
                    target=f"article:{slug}",
                    reason=reason or "moderation",
                    at=self._clock.now(),
                )
                await uow.audit.record(entry)
            await uow.articles.delete(article.id)
            await uow.commit()
