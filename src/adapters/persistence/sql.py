"""SQL building blocks shared by the repositories and queries of this package."""

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.tables import users
from core.shared.profiles import ProfileView


def dialect_insert(session: AsyncSession, table: sa.Table) -> Any:
    """An INSERT with the database's ON CONFLICT clauses (same API on both)."""
    return postgresql.insert(table) if session.bind.dialect.name == "postgresql" else sqlite.insert(table)


async def insert_ignoring_duplicates(session: AsyncSession, table: sa.Table, values: dict[str, Any]) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING: idempotent and race-free on both databases.

    True when the row was inserted (a concurrent insert of the same key waits, then finds it there).
    """
    result = await session.execute(dialect_insert(session, table).values(values).on_conflict_do_nothing())
    return bool(result.rowcount)  # type: ignore[attr-defined]


def profile_columns() -> list[sa.ColumnElement[Any]]:
    """The author profile columns of a query that joins `users`."""
    return [
        users.c.username.label("author_username"),
        users.c.bio.label("author_bio"),
        users.c.image.label("author_image"),
    ]


def profile_of(row: Any) -> ProfileView:
    """The author's profile, impersonal (`following` False: the use cases add the viewer's)."""
    return ProfileView(
        username=row.author_username, bio=row.author_bio, image=row.author_image, following=False
    )
