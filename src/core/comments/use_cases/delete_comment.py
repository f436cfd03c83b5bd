"""Delete a comment (its author only)."""

from core.comments.errors import ArticleNotFound, CommentNotFound
from core.comments.ports import ArticleLookup, CommentsUnitOfWork


class DeleteComment:
    """Raises ArticleNotFound, CommentNotFound (also for a comment of another article), NotCommentAuthor."""

    def __init__(self, *, uow: CommentsUnitOfWork, articles: ArticleLookup) -> None:
        self._uow, self._articles = uow, articles

    async def execute(self, slug: str, comment_id: int, user_id: int) -> None:
        article_id = await self._articles.article_id(slug)
        if article_id is None:
            raise ArticleNotFound
        async with self._uow as uow:
            comment = await uow.comments.get(comment_id)
            if comment is None or comment.article_id != article_id:
                raise CommentNotFound
            comment.ensure_deletable_by(user_id)
            await uow.comments.delete(comment.id)
            await uow.commit()
