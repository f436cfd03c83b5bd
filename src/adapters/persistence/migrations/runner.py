"""Run Alembic programmatically (no alembic.ini): for the admin CLI, the scripting API and tests.

Alembic's env.py runs its own event loop, so the commands are synchronous; async callers wrap them
in `asyncio.to_thread`.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection

from adapters.persistence.engine import make_engine
from adapters.persistence.errors import translated_errors
from adapters.persistence.migrations.defaults import declared, same_server_default
from adapters.persistence.tables import metadata
from core.shared.errors import Unavailable

T = TypeVar("T")
MIGRATIONS_DIR = Path(__file__).parent


class Migrations:
    """The schema migrations of one database."""

    def __init__(self, database_url: str) -> None:
        self._url = database_url
        self._config = Config()
        self._config.set_main_option("script_location", str(MIGRATIONS_DIR))
        self._config.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
        self._config.attributes["database_url"] = database_url

    def upgrade(self, revision: str = "head") -> None:
        with translated_errors(), _alembic_errors():
            command.upgrade(self._config, revision)

    def downgrade(self, revision: str = "-1") -> None:
        with translated_errors(), _alembic_errors():
            command.downgrade(self._config, revision)

    def knows(self, revision: str) -> bool:
        """Whether this version of Conduit has that migration (a newer version may have migrated further)."""
        try:
            return ScriptDirectory.from_config(self._config).get_revision(revision) is not None
        except CommandError:
            return False

    def make_revision(self, message: str) -> str:
        """Autogenerate a revision from the difference between the tables and this database."""
        script = command.revision(self._config, message=message, autogenerate=True)
        return str(script.path) if script and not isinstance(script, list) else ""

    def head(self) -> str | None:
        return ScriptDirectory.from_config(self._config).get_current_head()

    def history(self) -> list[tuple[str, str]]:
        """(revision, message), newest first."""
        script = ScriptDirectory.from_config(self._config)
        return [(rev.revision, rev.doc or "") for rev in script.walk_revisions()]

    async def current(self) -> str | None:
        """The revision the database is at (None before the first upgrade)."""
        return await self._inspect(lambda sync: MigrationContext.configure(sync).get_current_revision())

    async def differences(self) -> list[Any]:
        """What autogenerate would change: empty when the migrations and the tables agree."""
        options = {  # as env.py compares
            "compare_type": True,
            "compare_server_default": same_server_default,
            "include_object": declared,
        }
        return await self._inspect(
            lambda sync: compare_metadata(MigrationContext.configure(sync, opts=options), metadata)
        )

    async def _inspect(self, read: Callable[[Connection], T]) -> T:
        engine = make_engine(self._url)
        try:
            async with translated_errors(), engine.connect() as connection:
                return await connection.run_sync(read)
        finally:
            await engine.dispose()


@contextmanager
def _alembic_errors() -> Iterator[None]:
    """Alembic's own errors (e.g. the database is at a migration this version does not have) as a core
    error: its message is plain English."""
    try:
        yield
    except CommandError as error:
        raise Unavailable(
            f"the migrations cannot run: {error} (was it migrated by a newer Conduit?)"
        ) from error
