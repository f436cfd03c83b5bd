"""Comment on an article."""

from dataclasses import dataclass

from core.comments.domain import CommentBody, NewComment
from core.comments.errors import ArticleNotFound
from core.comments.ports import ArticleLookup, CommentsUnitOfWork
from core.comments.views import CommentView
from core.shared.clock import Clock


@dataclass(frozen=True, slots=True, kw_only=True)
class AddCommentCommand:
    slug: str
    author_id: int
    body: str


class AddComment:
    """Raises InvalidInput, ArticleNotFound."""

    def __init__(self, *, uow: CommentsUnitOfWork, articles: ArticleLookup, clock: Clock) -> None:
        self._uow, self._articles, self._clock = uow, articles, clock

    async def execute(self, command: AddCommentCommand) -> CommentView:
        body = CommentBody(command.body)
        article_id = await self._articles.article_id(command.slug)
        if article_id is None:
            raise ArticleNotFound
        async with self._uow as uow:  # an article deleted meanwhile fails its foreign key: NotFound
            view = await uow.comments.add(
                NewComment(
                    article_id=article_id,
                    author_id=command.author_id,
                    body=body,
                    created_at=self._clock.now(),
                )
            )
            await uow.commit()
        return view
