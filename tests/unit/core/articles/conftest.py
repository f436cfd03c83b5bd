"""Articles use cases wired to in-memory fakes."""

from dataclasses import dataclass, field

import pytest

from core.articles import (
    CreateArticle,
    CreateArticleCommand,
    DeleteArticle,
    FavoriteArticle,
    FeedArticles,
    GetArticle,
    ListArticles,
    UnfavoriteArticle,
    UpdateArticle,
)
from core.articles.views import ArticleView
from tests.fakes.articles import InMemoryArticleQueries, InMemoryArticlesUnitOfWork
from tests.fakes.clock import FixedClock
from tests.fakes.relations import InMemoryViewerRelations
from tests.fakes.world import InMemoryWorld


@dataclass
class ArticlesWorld:
    db: InMemoryWorld = field(default_factory=InMemoryWorld)
    clock: FixedClock = field(default_factory=FixedClock)

    def _uow(self) -> InMemoryArticlesUnitOfWork:
        return InMemoryArticlesUnitOfWork(self.db)

    def _reads(self) -> dict[str, object]:
        return {"queries": InMemoryArticleQueries(self.db), "relations": InMemoryViewerRelations(self.db)}

    def create(self) -> CreateArticle:
        return CreateArticle(uow=self._uow(), clock=self.clock)

    def update(self) -> UpdateArticle:
        return UpdateArticle(uow=self._uow(), **self._reads(), clock=self.clock)

    def delete(self) -> DeleteArticle:
        return DeleteArticle(uow=self._uow(), clock=self.clock)

    def favorite(self) -> FavoriteArticle:
        return FavoriteArticle(uow=self._uow(), **self._reads())

    def unfavorite(self) -> UnfavoriteArticle:
        return UnfavoriteArticle(uow=self._uow(), **self._reads())

    def get(self) -> GetArticle:
        return GetArticle(**self._reads())

    def list(self) -> ListArticles:
        return ListArticles(**self._reads())

    def feed(self) -> FeedArticles:
        return FeedArticles(**self._reads())

    async def publish(
        self, author_id: int, title: str = "How to train your dragon", tags: tuple[str, ...] = ()
    ) -> ArticleView:
        """Publish an article, one minute after the previous one."""
        self.clock.advance(minutes=1)
        command = CreateArticleCommand(
            author_id=author_id,
            title=title,
            description="Ever wonder how?",
            body="It takes a Jacobian",
            tags=list(tags),
        )
        return await self.create().execute(command)


@pytest.fixture
def world() -> ArticlesWorld:
    return ArticlesWorld()
