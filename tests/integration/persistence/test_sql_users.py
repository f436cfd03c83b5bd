"""The SQL users adapters against real SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from adapters.persistence.engine import make_engine, make_session_factory
from adapters.persistence.sessions import SqlSessionActivity
from adapters.persistence.tables import users
from adapters.persistence.unit_of_work import SqlUsersUnitOfWork
from adapters.persistence.users import SqlUserQueries
from core.shared.actor import Role
from core.shared.errors import AlreadyExists, Unavailable
from core.shared.pagination import PageRequest
from core.users.domain import Email, NewUser, Username
from core.users.ports import UserFilters
from core.users.sessions import NewSession, SessionPolicy
from tests.fakes.changes import RecordingChangeNotifier

NOW = datetime(2026, 3, 4, 5, 6, 7, 123456, tzinfo=UTC)


@pytest.fixture
async def session_factory(database_url: str):
    engine = make_engine(database_url)
    yield make_session_factory(engine)
    await engine.dispose()


def new_user(name: str, email: str | None = None) -> NewUser:
    return NewUser(
        email=Email(email or f"{name}@example.com"),
        username=Username(name),
        password_hash="h",
        created_at=NOW,
    )


async def test_add_then_read_back_by_id_email_and_username(session_factory) -> None:
    async with SqlUsersUnitOfWork(session_factory, RecordingChangeNotifier()) as uow:
        added = await uow.users.add(new_user("Jake", "Jake@Example.com"))
        await uow.commit()
    async with SqlUsersUnitOfWork(session_factory, RecordingChangeNotifier()) as uow:
        by_id = await uow.users.get(added.id)
        by_email = await uow.users.get_by_email("jake@example.com")
        by_name = await uow.users.get_by_username("jake")
    assert by_id is not None and by_email is not None and by_name is not None
    assert by_id.id == by_email.id == by_name.id == added.id
    assert by_id.email == "Jake@Example.com" and by_id.username == "Jake"
    assert by_id.created_at == NOW and by_id.created_at.tzinfo is not None


async def test_leaving_without_commit_rolls_back(session_factory) -> None:
    async with SqlUsersUnitOfWork(session_factory, RecordingChangeNotifier()) as uow:
        await uow.users.add(new_user("jake"))
    async with SqlUsersUnitOfWork(session_factory, RecordingChangeNotifier()) as uow:
        assert await uow.users.get_by_username("jake") is None


async def test_an_error_inside_the_block_rolls_back(session_factory) -> None:
    with pytest.raises(RuntimeError):
        async with SqlUsersUnitOfWork(session_factory, RecordingChangeNotifier()) as uow:
            await uow.users.add(new_user("jake"))
            raise RuntimeError("boom")
    assert (await SqlUserQueries(session_factory).list_users(PageRequest(), UserFilters())).items == []


@pytest.mark.parametrize(
    ("second", "field"),
    [(("JAKE", "other@example.com"), "username"), (("other", "JAKE@EXAMPLE.COM"), "email")],
)
async def test_the_database_enforces_case_insensitive_uniqueness(session_factory, second, field) -> None:
    """Even when two writers both passed the use case's check, the second commit fails cleanly."""
    async with SqlUsersUnitOfWork(session_factory, RecordingChangeNotifier()) as uow:
        await uow.users.add(new_user("jake"))
        await uow.commit()
    with pytest.raises(AlreadyExists) as caught:
        async with SqlUsersUnitOfWork(session_factory, RecordingChangeNotifier()) as uow:
            await uow.users.add(new_user(*second))
            await uow.commit()
    assert caught.value.field == field


async def test_save_writes_back_changes(session_factory) -> None:
    async with SqlUsersUnitOfWork(session_factory, RecordingChangeNotifier()) as uow:
        user = await uow.users.add(new_user("jake"))
        await uow.commit()
    async with SqlUsersUnitOfWork(session_factory, RecordingChangeNotifier()) as uow:
        stored = await uow.users.get(user.id)
        assert stored is not None
        stored.rename(Username("Jacob"), NOW)
        stored.assign_role(Role.MODERATOR, NOW)
        stored.ban("spam", NOW)
        stored.bio = "<b>bold</b> 'quoted' -- ; DROP TABLE users; 🎉 שלום"
        await uow.users.save(stored)
        await uow.commit()
    view = await SqlUserQueries(session_factory).user_view(user.id)
    assert view is not None
    assert view.username == "Jacob"
    assert view.bio == "<b>bold</b> 'quoted' -- ; DROP TABLE users; 🎉 שלום"
    async with SqlUsersUnitOfWork(session_factory, RecordingChangeNotifier()) as uow:
        reread = await uow.users.get_by_username("jacob")
    assert reread is not None
    assert (reread.role, reread.banned_at, reread.ban_reason, reread.token_version) == (
        Role.MODERATOR,
        NOW,
        "spam",
        1,
    )


async def test_queries(session_factory) -> None:
    async with SqlUsersUnitOfWork(session_factory, RecordingChangeNotifier()) as uow:
        for name in ["a1", "b2", "c3"]:
            await uow.users.add(new_user(name))
        await uow.commit()
    queries = SqlUserQueries(session_factory)
    first = await queries.list_users(PageRequest(limit=2), UserFilters())
    assert [u.username for u in first.items] == ["a1", "b2"] and first.has_next  # limit + 1 rows read
    page = await queries.list_users(PageRequest(limit=2, offset=1), UserFilters())
    assert [u.username for u in page.items] == ["b2", "c3"] and not page.has_next
    assert await queries.session_state(page.items[0].id, "no-such-session") is None
    found = await queries.list_users(PageRequest(), UserFilters(search="C3", banned=False, role="user"))
    assert [u.username for u in found.items] == ["c3"]
    assert (await queries.list_users(PageRequest(), UserFilters(search="%"))).items == []  # literal wildcards


async def test_unreachable_database_is_unavailable_not_a_crash() -> None:
    engine = make_engine("postgresql://nobody@127.0.0.1:1/none")
    try:
        with pytest.raises(Unavailable):
            await SqlUserQueries(make_session_factory(engine)).session_state(1, "s")
        with pytest.raises(Unavailable):
            async with SqlUsersUnitOfWork(make_session_factory(engine), RecordingChangeNotifier()):
                pass
    finally:
        await engine.dispose()


async def test_columns_hold_what_the_rules_allow(session_factory) -> None:
    """The longest values the value objects accept fit the columns (PostgreSQL enforces lengths)."""
    async with SqlUsersUnitOfWork(session_factory, RecordingChangeNotifier()) as uow:
        await uow.users.add(new_user("u" * 40, "e" * 240 + "@example.com"))
        await uow.commit()
    async with session_factory() as session:
        assert (await session.execute(sa.select(sa.func.count()).select_from(users))).scalar_one() == 1


async def test_sessions_start_end_and_show_with_their_account(session_factory) -> None:
    policy = SessionPolicy(lifetime=timedelta(days=1), idle=timedelta(hours=1), reauth_window=timedelta(0))
    async with SqlUsersUnitOfWork(session_factory, RecordingChangeNotifier()) as uow:
        jake, anna = await uow.users.add(new_user("jake")), await uow.users.add(new_user("anna"))
        first = NewSession.start(
            jake.id, now=NOW, policy=policy, client="203.0.113.9", user_agent="A\x00gent"
        )
        second = NewSession.start(
            jake.id, now=NOW + timedelta(seconds=1), policy=policy, client=None, user_agent=None
        )
        for session in (first, second):
            await uow.sessions.add(session)
        await uow.commit()
    queries = SqlUserQueries(session_factory)
    state = await queries.session_state(jake.id, first.id)
    assert state is not None
    assert (state.username, state.role, state.banned, state.ended) == ("jake", Role.USER, False, False)
    assert (state.created_at, state.last_used_at, state.expires_at) == (NOW, NOW, NOW + timedelta(days=1))
    assert await queries.session_state(anna.id, first.id) is None  # a session belongs to one user
    listed = await queries.sessions_of(jake.id)
    assert [s.id for s in listed] == [second.id, first.id]
    assert (listed[1].client, listed[1].user_agent) == ("203.0.113.9", "A gent")

    later = NOW + timedelta(minutes=5)
    assert await SqlSessionActivity(session_factory).touch(first.id, later)
    assert (await queries.session_state(jake.id, first.id)).last_used_at == later

    told = RecordingChangeNotifier()
    async with SqlUsersUnitOfWork(session_factory, told) as uow:
        assert not await uow.sessions.end(first.id, anna.id, later)  # not hers
        assert await uow.sessions.end(first.id, jake.id, later)
        assert not await uow.sessions.end(first.id, jake.id, later)  # once
        assert told.sessions == []  # the caches hear of it after the commit only
        await uow.commit()
    assert (await queries.session_state(jake.id, first.id)).ended
    assert told.sessions == [first.id]
    async with SqlUsersUnitOfWork(session_factory, told) as uow:
        await uow.sessions.end_all(jake.id, later, keep=None)
        await uow.commit()
    assert await queries.sessions_of(jake.id) == []
    assert told.accounts == [jake.id]  # every cached session of the account goes with it
