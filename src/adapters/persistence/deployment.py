"""The deployment row: the cache namespace of this database, and where its servers cache accounts."""

import secrets
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.errors import translated_errors
from adapters.persistence.tables import deployment

_ROW = deployment.c.id == 1


class Deployment:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def cache_namespace(self) -> str:
        """Random per database (made by the migration, or here when the row is gone, e.g. a database
        emptied table by table), so a recreated database starts from an empty cache."""
        return str((await self._row()).cache_namespace)

    async def new_cache_namespace(self) -> str:
        """After restoring a backup: entries cached since the backup was taken must not answer."""
        namespace = secrets.token_hex(8)
        await self._row()
        async with translated_errors(), self._engine.begin() as connection:
            await connection.execute(sa.update(deployment).where(_ROW).values(cache_namespace=namespace))
        return namespace

    async def shared_cache(self) -> str | None:
        """Where the servers cache account state (None: they read it from the database)."""
        row = await self._row()
        return None if row.shared_cache is None else str(row.shared_cache)

    async def record_shared_cache(self, location: str | None) -> None:
        """Called by each server at start-up with its own cache location (no password)."""
        await self._row()
        async with translated_errors(), self._engine.begin() as connection:
            await connection.execute(sa.update(deployment).where(_ROW).values(shared_cache=location))

    async def _row(self) -> Any:
        async with translated_errors():
            async with self._engine.connect() as connection:
                row = (await connection.execute(sa.select(deployment).where(_ROW))).one_or_none()
            if row is not None:
                return row
            try:
                async with self._engine.begin() as connection:
                    await connection.execute(
                        sa.insert(deployment).values(id=1, cache_namespace=secrets.token_hex(8))
                    )
            except sa.exc.IntegrityError:
                pass  # a concurrent starter made it first: read theirs
            async with self._engine.connect() as connection:
                return (await connection.execute(sa.select(deployment).where(_ROW))).one()
