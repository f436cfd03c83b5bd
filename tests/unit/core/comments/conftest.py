"""Comments use cases wired to in-memory fakes."""

from dataclasses import dataclass, field

import pytest

from core.articles import CreateArticle, CreateArticleCommand
from core.comments import AddComment, AddCommentCommand, DeleteComment, ListComments
from core.comments.views import CommentView
from tests.fakes.articles import InMemoryArticlesUnitOfWork
from tests.fakes.clock import FixedClock
from tests.fakes.comments import InMemoryArticleLookup, InMemoryCommentQueries, InMemoryCommentsUnitOfWork
from tests.fakes.relations import InMemoryViewerRelations
from tests.fakes.world import InMemoryWorld


@dataclass
class CommentsWorld:
    db: InMemoryWorld = field(default_factory=InMemoryWorld)
    clock: FixedClock = field(default_factory=FixedClock)

    def add(self) -> AddComment:
        return AddComment(
            uow=InMemoryCommentsUnitOfWork(self.db),
            articles=InMemoryArticleLookup(self.db),
            clock=self.clock,
        )

    def delete(self) -> DeleteComment:
        return DeleteComment(
            uow=InMemoryCommentsUnitOfWork(self.db), articles=InMemoryArticleLookup(self.db), clock=self.clock
        )

    def list(self) -> ListComments:
        return ListComments(
            articles=InMemoryArticleLookup(self.db),
            queries=InMemoryCommentQueries(self.db),
            relations=InMemoryViewerRelations(self.db),
        )

    async def article(self, author_id: int, title: str) -> str:
        """Publish an article and return its slug."""
        create = CreateArticle(uow=InMemoryArticlesUnitOfWork(self.db), clock=self.clock)
        command = CreateArticleCommand(author_id=author_id, title=title, description="d", body="b")
        return (await create.execute(command)).slug

    async def comment(self, slug: str, author_id: int, body: str = "Thank you so much!") -> CommentView:
        """Comment on an article, one minute after the previous comment."""
        self.clock.advance(minutes=1)
        return await self.add().execute(AddCommentCommand(slug=slug, author_id=author_id, body=body))


@pytest.fixture
def world() -> CommentsWorld:
    return CommentsWorld()
