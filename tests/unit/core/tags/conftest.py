"""ListTags wired to in-memory fakes; articles are published through the articles use cases."""

from dataclasses import dataclass, field

import pytest

from core.articles import (
    CreateArticle,
    CreateArticleCommand,
    DeleteArticle,
    UpdateArticle,
    UpdateArticleCommand,
)
from core.shared.actor import Actor
from core.tags import ListTags
from tests.fakes.articles import InMemoryArticleQueries, InMemoryArticlesUnitOfWork
from tests.fakes.clock import FixedClock
from tests.fakes.relations import InMemoryViewerRelations
from tests.fakes.tags import InMemoryTagQueries
from tests.fakes.world import InMemoryWorld


@dataclass
class TagsWorld:
    db: InMemoryWorld = field(default_factory=InMemoryWorld)
    clock: FixedClock = field(default_factory=FixedClock)

    def __post_init__(self) -> None:
        self.author = self.db.add_user("jake")

    async def tags(self, *limit: int) -> list[str]:
        return await ListTags(queries=InMemoryTagQueries(self.db)).execute(*limit)

    async def publish(self, title: str, *tags: str) -> None:
        create = CreateArticle(uow=self._uow(), clock=self.clock)
        await create.execute(
            CreateArticleCommand(
                author_id=self.author, title=title, description="d", body="b", tags=list(tags)
            )
        )

    async def retag(self, slug: str, *tags: str) -> None:
        update = UpdateArticle(uow=self._uow(), **self._reads(), clock=self.clock)
        await update.execute(UpdateArticleCommand(slug=slug, user_id=self.author, tags=list(tags)))

    async def delete(self, slug: str) -> None:
        actor = Actor(user_id=self.author, name="jake")
        await DeleteArticle(uow=self._uow(), clock=self.clock).execute(slug, actor)

    def _uow(self) -> InMemoryArticlesUnitOfWork:
        return InMemoryArticlesUnitOfWork(self.db)

    def _reads(self) -> dict[str, object]:
        return {"queries": InMemoryArticleQueries(self.db), "relations": InMemoryViewerRelations(self.db)}


@pytest.fixture
def world() -> TagsWorld:
    return TagsWorld()
