"""`conduit`: serve the API, migrate the database, administer users.

Exit codes: 0 ok, 1 unexpected error, 2 usage error, 3 invalid input or conflict, 4 not found,
5 not allowed, 6 a service (database) is unavailable, 7 configuration error.
"""

import asyncio
import atexit
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, NoReturn, TypeVar

import click

from core.shared.errors import (
    CoreError,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    Unavailable,
)
from entrypoints.container import aclose, build_container
from entrypoints.logs import configure_logging
from entrypoints.python_api import Conduit
from entrypoints.settings import ConfigError, Settings, load_settings

T = TypeVar("T")

EXIT_CODES: list[tuple[type[Exception], int]] = [
    (InvalidInput, 3),
    (NotFound, 4),
    (PermissionDenied, 5),
    (NotAuthenticated, 5),
    (Unavailable, 6),
    (ConfigError, 7),
]


class ConduitGroup(click.Group):
    """Turns expected failures into one line on stderr and a documented exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (CoreError, ConfigError) as error:
            _fail(str(error.message if isinstance(error, CoreError) else error), _exit_code(error))
        except OSError as error:
            _fail(f"{error.strerror or error}", 1)


def _exit_code(error: Exception) -> int:
    return next((code for kind, code in EXIT_CODES if isinstance(error, kind)), 1)


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def _with_conduit(action: Callable[[Conduit], Awaitable[T]]) -> T:
    async def run() -> T:
        async with Conduit.open() as conduit:
            return await action(conduit)

    return _run(run())


@click.group(cls=ConduitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="conduit")
def cli() -> None:
    """Conduit admin: configuration comes from CONDUIT_* environment variables (see README)."""


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option(
    "--migrate/--no-migrate",
    default=None,
    help="Upgrade the database before serving (default: on in development, off in production).",
)
def serve(host: str, port: int, workers: int, migrate: bool | None) -> None:
    """Serve the REST API (docs at /docs, probes at /health/live and /health/ready, metrics at /metrics).

    Several workers need Redis (CONDUIT_REDIS_URL): the in-process cache would go stale across them.
    SIGTERM lets in-flight requests finish (CONDUIT_SHUTDOWN_TIMEOUT_SECONDS).

    \b
    Example:
      conduit serve --host 0.0.0.0 --port 8000 --workers 2
    """
    import uvicorn

    settings = load_settings()  # fail fast, in the parent process, on bad configuration
    configure_logging(settings)
    if workers > 1 and not settings.redis_url:
        raise ConfigError(
            f"--workers {workers} needs a shared cache: set CONDUIT_REDIS_URL, or serve with --workers 1 "
            "(the in-process cache is per process, so other workers would serve stale data)"
        )
    if migrate if migrate is not None else not settings.is_production:
        _upgrade(settings)
    if workers > 1:
        _share_metrics_between_workers()
    click.echo(
        f"Conduit on http://{host}:{port}  (API /api, docs /docs, database {settings.safe_database_url}, "
        f"cache {settings.safe_redis_url or 'in-process'}, {workers} worker(s))"
    )
    uvicorn.run(
        "entrypoints.http.asgi:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop="uvloop",
        http="httptools",
        log_config=None,  # configure_logging() owns the format (JSON in production)
        access_log=False,  # replaced by conduit.access lines that carry the request id
        server_header=False,
        timeout_graceful_shutdown=int(settings.shutdown_timeout_seconds),
    )


def _share_metrics_between_workers() -> None:
    """prometheus_client multiprocess mode: each worker writes its samples to one fresh directory."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        directory = tempfile.mkdtemp(prefix="conduit-metrics-")
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory


@cli.group()
def db() -> None:
    """Database schema migrations."""


@db.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Upgrade the schema to REVISION (default: the newest)."""
    _upgrade(load_settings(), revision)


@db.command("downgrade")
@click.argument("revision", default="-1")
def db_downgrade(revision: str) -> None:
    """Downgrade the schema to REVISION (default: one step back; "base" removes everything)."""
    container = build_container(load_settings())
    container.infra.migrations().downgrade(revision)
    click.echo(f"database downgraded to {revision}")


@db.command("current")
def db_current() -> None:
    """Print the revision the database is at, and whether it is the newest."""

    async def read() -> tuple[str | None, str | None]:
        container = build_container(load_settings())
        try:
            migrations = container.infra.migrations()
            return await migrations.current(), migrations.head()
        finally:
            await aclose(container)

    current, head = _run(read())
    state = "up to date" if current == head else f"behind: newest is {head}"
    click.echo(f"{current or 'empty (no migrations applied)'} ({state})")


@db.command("history")
def db_history() -> None:
    """List the migrations, newest first."""
    for revision, message in build_container(load_settings()).infra.migrations().history():
        click.echo(f"{revision}  {message}")


@db.command("revision", hidden=True)
@click.option("-m", "--message", required=True, help="What the migration does.")
def db_revision(message: str) -> None:
    """(developers) Autogenerate a migration from the table definitions."""
    path = build_container(load_settings()).infra.migrations().make_revision(message)
    click.echo(f"created {path}")


@cli.group()
def users() -> None:
    """User accounts."""


@users.command("create")
@click.argument("username")
@click.option("--email", required=True)
@click.option(
    "--password", prompt=True, hide_input=True, confirmation_prompt=True, help="Prompted when omitted."
)
def users_create(username: str, email: str, password: str) -> None:
    """Create an account.

    \b
    Example:
      conduit users create jake --email jake@example.com
    """
    created = _with_conduit(lambda c: c.register_user(username=username, email=email, password=password))
    click.echo(f"created user {created.user.username} <{created.user.email}>")


@users.command("list")
@click.option("--limit", default=20, show_default=True, type=int)
@click.option("--offset", default=0, show_default=True, type=int)
@click.option("--json", "as_json", is_flag=True, help="One JSON document, for machines.")
def users_list(limit: int, offset: int, as_json: bool) -> None:
    """List accounts, oldest first."""
    page, total = _with_conduit(lambda c: c.list_users(limit=limit, offset=offset))
    if as_json:
        rows = [
            {"id": u.id, "username": u.username, "email": u.email, "createdAt": u.created_at.isoformat()}
            for u in page
        ]
        click.echo(json.dumps({"users": rows, "total": total}))
        return
    _table(
        ["ID", "USERNAME", "EMAIL", "CREATED"],
        [[str(u.id), u.username, u.email, f"{u.created_at:%Y-%m-%d %H:%M}"] for u in page],
    )
    click.echo(f"{len(page)} of {total} users")


def _upgrade(settings: Settings, revision: str = "head") -> None:
    build_container(settings).infra.migrations().upgrade(revision)
    click.echo(f"database upgraded to {revision}")


def _table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=False)]
    for row in [header, *rows]:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
