"""In-memory fakes of the comments ports, on the shared in-memory world."""

import copy

from core.comments.domain import Comment, NewComment
from core.comments.ports import ArticleLookup, CommentQueries, CommentRepository, CommentsUnitOfWork
from core.comments.views import CommentView
from tests.fakes.audit import InMemoryAuditTrail
from tests.fakes.world import InMemoryUnitOfWork, InMemoryWorld, Tables


class InMemoryCommentRepository(CommentRepository):
    def __init__(self, tables: Tables, world: InMemoryWorld) -> None:
        self._tables, self._world = tables, world

    async def add(self, new_comment: NewComment) -> CommentView:
        comment = Comment(
            id=self._world.new_id("comments"),
            article_id=new_comment.article_id,
            author_id=new_comment.author_id,
            body=new_comment.body.value,
            created_at=new_comment.created_at,
            updated_at=new_comment.created_at,
        )
        self._tables.comments[comment.id] = comment
        return view_of(comment, self._world)

    async def get(self, comment_id: int) -> Comment | None:
        comment = self._tables.comments.get(comment_id)
        return copy.copy(comment) if comment else None

    async def delete(self, comment_id: int) -> bool:
        return self._tables.comments.pop(comment_id, None) is not None


class InMemoryCommentsUnitOfWork(InMemoryUnitOfWork, CommentsUnitOfWork):
    def _bind(self, tables: Tables) -> None:
        self.comments = InMemoryCommentRepository(tables, self._world)
        self.audit = InMemoryAuditTrail(tables.audit)


class InMemoryArticleLookup(ArticleLookup):
    def __init__(self, world: InMemoryWorld) -> None:
        self._world = world

    async def article_id(self, slug: str) -> int | None:
        return next((a.id for a in self._world.tables.articles.values() if a.slug == slug), None)


class InMemoryCommentQueries(CommentQueries):
    def __init__(self, world: InMemoryWorld) -> None:
        self._world = world

    async def for_article(self, article_id: int) -> list[CommentView]:
        found = [c for c in self._world.tables.comments.values() if c.article_id == article_id]
        found.sort(key=lambda c: (c.created_at, c.id), reverse=True)
        return [view_of(c, self._world) for c in found]

    async def get(self, comment_id: int) -> CommentView | None:
        comment = self._world.tables.comments.get(comment_id)
        return view_of(comment, self._world) if comment else None


def view_of(comment: Comment, world: InMemoryWorld) -> CommentView:
    return CommentView(
        id=comment.id,
        created_at=comment.created_at,
        updated_at=comment.updated_at,
        body=comment.body,
        author=world.profile(comment.author_id),
    )
