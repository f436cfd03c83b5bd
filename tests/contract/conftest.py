"""One set of cases per port, run against the in-memory fake and the SQL adapter on SQLite and
PostgreSQL: the fakes the core's tests rely on behave like the real thing."""

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from adapters.persistence.article_queries import SqlArticleQueries
from adapters.persistence.comments import SqlCommentQueries
from adapters.persistence.engine import make_engine, make_read_session_factory, make_session_factory
from adapters.persistence.profiles import SqlProfileQueries
from adapters.persistence.relations import SqlViewerRelations
from adapters.persistence.tags import SqlTagQueries
from adapters.persistence.unit_of_work import (
    SqlArticlesUnitOfWork,
    SqlCommentsUnitOfWork,
    SqlProfilesUnitOfWork,
    SqlUsersUnitOfWork,
)
from core.articles.domain import Body, Description, NewArticle, TagList, Title
from core.articles.ports import ArticleQueries, ArticlesUnitOfWork
from core.comments.ports import CommentQueries, CommentsUnitOfWork
from core.profiles.ports import ProfileQueries, ProfilesUnitOfWork
from core.shared.relations import ViewerRelations
from core.tags.ports import TagQueries
from core.users.domain import Email, NewUser, Username
from tests.conftest import empty_database
from tests.fakes.articles import InMemoryArticleQueries, InMemoryArticlesUnitOfWork
from tests.fakes.changes import RecordingChangeNotifier
from tests.fakes.comments import InMemoryCommentQueries, InMemoryCommentsUnitOfWork
from tests.fakes.profiles import InMemoryProfileQueries, InMemoryProfilesUnitOfWork
from tests.fakes.relations import InMemoryViewerRelations
from tests.fakes.tags import InMemoryTagQueries
from tests.fakes.world import InMemoryWorld

START = datetime(2026, 5, 1, tzinfo=UTC)


@dataclass
class Backend:
    """The ports of one backend, and a way to add users (owned by the users module)."""

    name: str
    articles_uow: Any
    article_queries: ArticleQueries
    profiles_uow: Any
    profile_queries: ProfileQueries
    comments_uow: Any
    comment_queries: CommentQueries
    relations: ViewerRelations
    tags: TagQueries
    add_user: Any
    minutes: int = 0

    def articles(self) -> ArticlesUnitOfWork:
        return self.articles_uow()

    def profiles(self) -> ProfilesUnitOfWork:
        return self.profiles_uow()

    def comments(self) -> CommentsUnitOfWork:
        return self.comments_uow()

    def later(self) -> datetime:
        self.minutes += 1
        return START + timedelta(minutes=self.minutes)

    async def publish(self, author_id: int, title: str, *tags: str, at: datetime | None = None) -> Any:
        new = NewArticle(
            slug=title.lower().replace(" ", "-"),
            title=Title(title),
            description=Description("d"),
            body=Body("b"),
            tags=TagList(tags),
            author_id=author_id,
            created_at=at or self.later(),
        )
        async with self.articles() as uow:
            published = await uow.articles.add(new)
            await uow.commit()
        return published.article

    async def favorite(self, user_id: int, slug: str, *, remove: bool = False) -> None:
        async with self.articles() as uow:
            await (uow.favorites.remove if remove else uow.favorites.add)(user_id, slug)
            await uow.commit()


def _memory() -> Backend:
    world = InMemoryWorld()

    async def add_user(name: str) -> int:
        return world.add_user(name)

    return Backend(
        name="memory",
        articles_uow=lambda: InMemoryArticlesUnitOfWork(world),
        article_queries=InMemoryArticleQueries(world),
        profiles_uow=lambda: InMemoryProfilesUnitOfWork(world),
        profile_queries=InMemoryProfileQueries(world),
        comments_uow=lambda: InMemoryCommentsUnitOfWork(world),
        comment_queries=InMemoryCommentQueries(world),
        relations=InMemoryViewerRelations(world),
        tags=InMemoryTagQueries(world),
        add_user=add_user,
    )


def _sql(engine: Any) -> Backend:
    writes, reads = make_session_factory(engine), make_read_session_factory(engine)
    notifier = RecordingChangeNotifier()

    async def add_user(name: str) -> int:
        new = NewUser(
            email=Email(f"{name}@x.io"), username=Username(name), password_hash="h", created_at=START
        )
        async with SqlUsersUnitOfWork(writes, notifier) as uow:
            user = await uow.users.add(new)
            await uow.commit()
        return user.id

    return Backend(
        name=engine.dialect.name,
        articles_uow=lambda: SqlArticlesUnitOfWork(writes, notifier),
        article_queries=SqlArticleQueries(reads),
        profiles_uow=lambda: SqlProfilesUnitOfWork(writes, notifier),
        profile_queries=SqlProfileQueries(reads),
        comments_uow=lambda: SqlCommentsUnitOfWork(writes, notifier),
        comment_queries=SqlCommentQueries(reads),
        relations=SqlViewerRelations(reads),
        tags=SqlTagQueries(reads),
        add_user=add_user,
    )


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def backend_url(request: pytest.FixtureRequest) -> str | None:
    """None for the fakes, else an emptied, migrated database (set up outside the test's loop)."""
    if request.param == "memory":
        return None
    url = request.getfixturevalue(f"{request.param}_url")
    asyncio.run(empty_database(url))
    return url


@pytest.fixture
async def backend(backend_url: str | None) -> AsyncIterator[Backend]:
    if backend_url is None:
        yield _memory()
        return
    engine = make_engine(backend_url)
    yield _sql(engine)
    await engine.dispose()
