"""Engines and sessions against real SQLite and PostgreSQL: what reaches the database around reads."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from adapters.persistence.engine import (
    autocommit,
    make_engine,
    make_read_session_factory,
    make_session_factory,
)
from adapters.persistence.sessions import SqlSessionLog
from adapters.persistence.tables import users
from adapters.persistence.unit_of_work import SqlUsersUnitOfWork
from adapters.persistence.users import SqlUserQueries
from core.users.domain import Email, NewUser, Username
from core.users.sessions import NewSession, SessionPolicy
from tests.fakes.changes import RecordingChangeNotifier

NOW = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
POLICY = SessionPolicy(lifetime=timedelta(days=1), idle=timedelta(hours=1), reauth_window=timedelta(0))


@pytest.fixture
async def engine(database_url: str):
    made = make_engine(database_url)
    yield made
    await made.dispose()


def _recorded(engine) -> list[str]:
    statements: list[str] = []
    sa.event.listen(engine.sync_engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    return statements


async def test_read_models_send_no_transaction_statements(engine) -> None:
    """A lookup is one statement: on PostgreSQL in autocommit, on SQLite without a BEGIN (each
    round trip there is a hop to the driver's thread)."""
    statements = _recorded(engine)
    assert await SqlUserQueries(make_read_session_factory(engine)).by_email("nobody@example.com") is None
    assert [s.split()[0].upper() for s in statements] == ["SELECT"]


async def test_units_of_work_still_run_in_a_transaction(engine) -> None:
    statements = _recorded(engine)
    async with SqlUsersUnitOfWork(make_session_factory(engine), RecordingChangeNotifier()) as uow:
        assert await uow.users.get_by_email("nobody@example.com") is None
    if engine.dialect.name == "sqlite":  # our own BEGIN (PostgreSQL's is the driver's, not a statement)
        assert statements[0].upper().startswith("BEGIN")
    assert any(s.lstrip().upper().startswith("SELECT") for s in statements)
    assert (await _count(engine)) == 0


async def test_a_session_log_entry_is_one_statement_committed_on_its_own(engine) -> None:
    """A login's only write: no BEGIN or COMMIT round trips, and the row is there for every reader."""
    user_id = await _a_user(engine)
    statements = _recorded(engine)
    session = NewSession.start(user_id, now=NOW, policy=POLICY, client="192.0.2.1", user_agent="test")
    await SqlSessionLog(autocommit(engine)).add(session)
    assert [s.split()[0].upper() for s in statements] == ["INSERT"]
    state = await SqlUserQueries(make_read_session_factory(engine)).session_state(user_id, session.id)
    assert state is not None and state.created_at == NOW


async def test_a_lone_write_commits_after_the_connection_ran_in_autocommit(engine) -> None:
    """Setting an isolation level (ANALYZE, VACUUM run in AUTOCOMMIT) is undone when the connection
    goes back to the pool; on SQLite that must not hand transactions back to the driver."""
    user_id = await _a_user(engine)
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.exec_driver_sql("ANALYZE")
    session = NewSession.start(user_id, now=NOW, policy=POLICY, client=None, user_agent=None)
    await SqlSessionLog(autocommit(engine)).add(session)
    await engine.dispose()  # a new connection: only what was committed is there
    assert await SqlUserQueries(make_read_session_factory(engine)).session_state(user_id, session.id)


async def _a_user(engine) -> int:
    new = NewUser(
        email=Email("jake@example.com"), username=Username("jake"), password_hash="h", created_at=NOW
    )
    async with SqlUsersUnitOfWork(make_session_factory(engine), RecordingChangeNotifier()) as uow:
        user = await uow.users.add(new)
        await uow.commit()
    return user.id


async def _count(engine) -> int:
    async with engine.connect() as connection:
        return (await connection.execute(sa.select(sa.func.count()).select_from(users))).scalar_one()
