"""SQL building blocks shared by the repositories and queries of this package."""

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.util import greenlet_spawn

from adapters.persistence.tables import users
from core.shared.profiles import ProfileView


def dialect_insert(session: AsyncSession, table: sa.Table) -> Any:
    """An INSERT with the database's ON CONFLICT clauses (same API on both)."""
    return postgresql.insert(table) if session.bind.dialect.name == "postgresql" else sqlite.insert(table)


_IGNORING: dict[tuple[str, str], Any] = {}  # (table, dialect) -> its statement, built once


async def insert_ignoring_duplicates(session: AsyncSession, table: sa.Table, values: dict[str, Any]) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING: idempotent and race-free on both databases.

    True when the row was inserted (a concurrent insert of the same key waits, then finds it there).
    The statement is built once per table and reused with the row as parameters.
    """
    key = (table.name, session.bind.dialect.name)
    if (statement := _IGNORING.get(key)) is None:
        statement = _IGNORING[key] = dialect_insert(session, table).on_conflict_do_nothing()
    result = await session.execute(statement, values)
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def execute_alone(
    engine: AsyncEngine, statement: sa.Executable, parameters: dict[str, Any]
) -> list[sa.Row[Any]]:
    """Check a connection out, run one statement, check it in: one hop into SQLAlchemy's synchronous
    core. Each await of its async API is a greenlet of its own, with a fresh frame stack mapped and
    unmapped by the interpreter; the async way costs 2-3 of them (execute, close) and a layer of
    proxies, on the paths every login and authentication takes. No transaction is committed: give
    an autocommit engine (`engine.autocommit`) for a write."""
    return await greenlet_spawn(_execute, engine.sync_engine, statement, parameters)


def _execute(engine: sa.Engine, statement: sa.Executable, parameters: dict[str, Any]) -> list[sa.Row[Any]]:
    with engine.connect() as connection:
        result = connection.execute(statement, parameters)
        return list(result.all()) if result.returns_rows else []


def profile_columns() -> list[sa.ColumnElement[Any]]:
    """The author profile columns of a query that joins `users`."""
    return [
        users.c.username.label("author_username"),
        users.c.bio.label("author_bio"),
        users.c.image.label("author_image"),
    ]


_WRITER = users.alias("writer")  # named apart: RETURNING renders its own table's columns unqualified


def author_returned(table: sa.Table) -> list[sa.Label[Any]]:
    """The new row's author's profile, read by its INSERT itself (`RETURNING` scalar subqueries:
    SQLite 3.35+ and PostgreSQL), labelled as `profile_of` reads them: nothing is read back."""
    # The inserted row, spelled out: SQLAlchemy does not correlate a subquery of RETURNING to its table.
    author = sa.literal_column(f"{table.name}.{table.c.author_id.name}")
    return [
        sa.select(_WRITER.c[column]).where(_WRITER.c.id == author).scalar_subquery().label(f"author_{column}")
        for column in ("username", "bio", "image")
    ]


def profile_of(row: Any) -> ProfileView:
    """The author's profile, impersonal (`following` False: the use cases add the viewer's)."""
    return ProfileView(
        username=row.author_username, bio=row.author_bio, image=row.author_image, following=False
    )
