"""Alembic environment: async engine from the URL the runner passes in `config.attributes`."""

import asyncio

from alembic import context
from sqlalchemy import Connection

from adapters.persistence.engine import make_engine
from adapters.persistence.migrations.defaults import declared, same_server_default
from adapters.persistence.tables import metadata
from adapters.persistence.types import UtcDateTime

config = context.config


def _render_item(type_: str, obj: object, _context: object) -> str | bool:
    # Migrations are frozen snapshots: write the plain column type, not our Python decorator.
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure_and_run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite can only alter tables by copying them
        compare_type=True,
        compare_server_default=same_server_default,
        include_object=declared,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_configure_and_run)
    finally:
        await engine.dispose()


def _run_offline(url: str) -> None:
    context.configure(url=url, target_metadata=metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


_url = config.attributes["database_url"]
if context.is_offline_mode():
    _run_offline(_url)
else:
    asyncio.run(_run_online(_url))
