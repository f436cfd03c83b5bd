"""Delete a comment."""

from core.comments.errors import ArticleNotFound, CommentNotFound, NotCommentAuthor
from core.comments.ports import ArticleLookup, CommentsUnitOfWork
from core.shared.actor import Actor
from core.shared.clock import Clock
from core.shared.ids import is_possible_id
from core.shared.moderation import authorize_removal


class DeleteComment:
    """The comment's author may delete it; moderators and admins any comment (audited).

    Raises ArticleNotFound, CommentNotFound (also for a comment of another article), NotCommentAuthor.
    """

    def __init__(self, *, uow: CommentsUnitOfWork, articles: ArticleLookup, clock: Clock) -> None:
        self._uow, self._articles, self._clock = uow, articles, clock

    async def execute(self, slug: str, comment_id: int, actor: Actor, reason: str = "") -> None:
        article_id = await self._articles.article_id(slug)
        if article_id is None:
            raise ArticleNotFound
        if not is_possible_id(comment_id):
            raise CommentNotFound
        async with self._uow as uow:
            comment = await uow.comments.get(comment_id)
            if comment is None or comment.article_id != article_id:
                raise CommentNotFound
            await authorize_removal(
                actor,
                author_id=comment.author_id,
                denied=NotCommentAuthor(),
                audit=uow.audit,
                action="comment.delete",
                target=f"comment:{comment_id}",
                reason=reason,
                now=self._clock.now(),
            )
            if not await uow.comments.delete(comment.id):  # a concurrent delete won: no audit, one 204
                raise CommentNotFound
            await uow.commit()
