"""The SQL units of work tell the change notifier what their repositories changed, after the commit
only; the use cases do not call it (caches rely on this to stay exact)."""

import pytest

from adapters.persistence.article_queries import SqlArticleQueries
from adapters.persistence.engine import make_engine, make_read_session_factory, make_session_factory
from adapters.persistence.relations import SqlViewerRelations
from adapters.persistence.unit_of_work import SqlArticlesUnitOfWork, SqlProfilesUnitOfWork, SqlUsersUnitOfWork
from core.articles import (
    CreateArticle,
    CreateArticleCommand,
    DeleteArticle,
    FavoriteArticle,
    UnfavoriteArticle,
    UpdateArticle,
    UpdateArticleCommand,
)
from core.profiles import FollowUser, UnfollowUser
from core.shared.actor import Actor
from core.shared.errors import PermissionDenied
from core.users.domain import Email, NewUser, Username
from tests.fakes.changes import RecordingChangeNotifier
from tests.fakes.clock import FixedClock


@pytest.fixture
async def factories(database_url: str):
    engine = make_engine(database_url)
    yield make_session_factory(engine), make_read_session_factory(engine)
    await engine.dispose()


async def _user(session_factory, name: str) -> int:
    async with SqlUsersUnitOfWork(session_factory, RecordingChangeNotifier()) as uow:
        new = NewUser(
            email=Email(f"{name}@x.io"),
            username=Username(name),
            password_hash="h",
            created_at=FixedClock().now(),
        )
        user = await uow.users.add(new)
        await uow.commit()
    return user.id


async def test_article_writes_publish_their_slugs_and_viewers(factories) -> None:
    writes, reads = factories
    notifier = RecordingChangeNotifier()
    jake, anna = await _user(writes, "jake"), await _user(writes, "anna")
    articles = {
        "uow": SqlArticlesUnitOfWork(writes, notifier),
        "queries": SqlArticleQueries(reads),
        "relations": SqlViewerRelations(reads),
    }
    clock = FixedClock()
    command = CreateArticleCommand(
        author_id=jake, title="First title", description="d", body="b", tags=["a", "b"]
    )
    await CreateArticle(uow=articles["uow"], clock=clock).execute(command)
    assert notifier.articles == [{"first-title"}] and notifier.retired == 0  # a new slug retires none
    assert notifier.tags == [{"a", "b"}]  # the lists it joins
    await UpdateArticle(**articles, clock=clock).execute(
        UpdateArticleCommand(slug="first-title", user_id=jake, body="new body", tags=["b", "c"])
    )
    assert notifier.articles[-1] == {"first-title"} and notifier.retired == 0
    assert notifier.tags[-1] == {"a", "b", "c"}  # left a, joined c, and b's entry shows it
    await UpdateArticle(**articles, clock=clock).execute(
        UpdateArticleCommand(slug="first-title", user_id=jake, title="Second title")
    )
    assert notifier.articles[-1] == {"first-title", "second-title"} and notifier.retired == 1

    await FavoriteArticle(**articles).execute("second-title", anna)
    await FavoriteArticle(**articles).execute("second-title", anna)  # nothing changed: nothing published
    await UnfavoriteArticle(**articles).execute("second-title", anna)
    assert notifier.favorites == [{"second-title"}, {"second-title"}]  # counts only: lists keep
    assert notifier.relations == [anna, anna] and len(notifier.articles) == 3

    with pytest.raises(PermissionDenied):  # a failed write publishes nothing
        await DeleteArticle(uow=articles["uow"], clock=clock).execute(
            "second-title", Actor(user_id=anna, name="anna")
        )
    assert len(notifier.articles) == 3 and notifier.retired == 1
    await DeleteArticle(uow=articles["uow"], clock=clock).execute(
        "second-title", Actor(user_id=jake, name="jake")
    )
    assert notifier.articles[-1] == {"second-title"} and notifier.retired == 2


async def test_follows_publish_the_follower_when_something_changed(factories) -> None:
    from adapters.persistence.profiles import SqlProfileQueries

    writes, reads = factories
    notifier = RecordingChangeNotifier()
    jake, anna = await _user(writes, "jake"), await _user(writes, "anna")
    profiles = {"uow": SqlProfilesUnitOfWork(writes, notifier), "queries": SqlProfileQueries(reads)}
    await FollowUser(**profiles).execute("jake", anna)
    await FollowUser(**profiles).execute("jake", anna)
    await UnfollowUser(**profiles).execute("jake", anna)
    await UnfollowUser(**profiles).execute("jake", anna)
    assert notifier.follows == [anna, anna] and notifier.relations == [] and jake != anna


async def test_account_changes_publish_what_readers_of_the_account_see(factories) -> None:
    from datetime import timedelta

    from core.users import BanUser, DeleteUser, UpdateUser, UpdateUserCommand
    from core.users.passwords import PasswordRules
    from core.users.sessions import SessionPolicy
    from tests.fakes.users import FakeCommonPasswords, FakeLoginThrottle, FakePasswordHasher, FakeTokenService

    writes, _ = factories
    notifier = RecordingChangeNotifier()
    jake = await _user(writes, "jake")
    await _user(writes, "root")
    clock = FixedClock()
    update = UpdateUser(
        uow=SqlUsersUnitOfWork(writes, notifier),
        hasher=FakePasswordHasher(),
        tokens=FakeTokenService(),
        clock=clock,
        changes=notifier,
        policy=SessionPolicy(lifetime=timedelta(days=1), idle=timedelta(hours=1), reauth_window=timedelta(0)),
        passwords=PasswordRules(FakeCommonPasswords()),
        throttle=FakeLoginThrottle(),
    )
    await update.execute(UpdateUserCommand(user_id=jake, email="new@x.io"))
    # An email is shown to no one else, but changing it ends the account's other sessions.
    assert (notifier.people, notifier.accounts) == (0, [jake])
    await update.execute(UpdateUserCommand(user_id=jake, bio="hello"))
    assert (notifier.people, notifier.accounts) == (1, [jake])
    await update.execute(UpdateUserCommand(user_id=jake, username="jacob"))
    assert (notifier.people, notifier.accounts) == (2, [jake] * 2)  # shown, and read by authentication
    operator = Actor.operator("cli:test")
    await BanUser(uow=SqlUsersUnitOfWork(writes, notifier), clock=clock, changes=notifier).execute(
        operator, "jacob", "spam"
    )
    assert (notifier.people, notifier.accounts) == (2, [jake] * 3)
    await DeleteUser(uow=SqlUsersUnitOfWork(writes, notifier), clock=clock, changes=notifier).execute(
        operator, "jacob"
    )
    assert (notifier.people, notifier.accounts, notifier.articles[-1]) == (3, [jake] * 4, set())
