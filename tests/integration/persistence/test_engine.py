"""Engines and sessions against real SQLite and PostgreSQL: what reaches the database around reads."""

import pytest
import sqlalchemy as sa

from adapters.persistence.engine import make_engine, make_read_session_factory, make_session_factory
from adapters.persistence.tables import users
from adapters.persistence.unit_of_work import SqlUsersUnitOfWork
from adapters.persistence.users import SqlUserQueries
from tests.fakes.changes import RecordingChangeNotifier


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


async def _count(engine) -> int:
    async with engine.connect() as connection:
        return (await connection.execute(sa.select(sa.func.count()).select_from(users))).scalar_one()
