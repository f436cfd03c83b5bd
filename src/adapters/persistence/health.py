"""Readiness of the database: reachable, and at the newest migration."""

import asyncio

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.errors import translate
from adapters.persistence.migrations.runner import Migrations


class DatabaseNotReady(Exception):
    """The database cannot serve this version of Conduit; the message says why (no secrets)."""


class DatabaseHealth:
    """Checks through the application's own pool, with a deadline, so a probe never hangs."""

    def __init__(self, engine: AsyncEngine, migrations: Migrations, timeout: float) -> None:
        self._engine, self._timeout = engine, timeout
        self._head = migrations.head()

    async def check(self) -> None:
        try:
            async with asyncio.timeout(self._timeout), self._engine.connect() as connection:
                current = (
                    await connection.execute(sa.text("SELECT version_num FROM alembic_version"))
                ).scalar_one_or_none()
        except TimeoutError as error:
            raise DatabaseNotReady(f"no answer within {self._timeout:g}s") from error
        except sa.exc.DBAPIError as error:
            if "alembic_version" in str(error.orig):  # no such table: never migrated
                raise DatabaseNotReady("not migrated (run: conduit db upgrade)") from error
            known = translate(error)
            detail = known.message if known else f"unreachable ({type(error.orig).__name__})"
            raise DatabaseNotReady(detail) from error
        except (sa.exc.SQLAlchemyError, OSError) as error:
            raise DatabaseNotReady(f"unreachable ({type(error).__name__})") from error
        if current != self._head:
            raise DatabaseNotReady(f"at migration {current or 'none'}, this version needs {self._head}")
