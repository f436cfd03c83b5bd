"""`conduit`: serve the API, check a deployment, migrate, and administer the site.

Exit codes: 0 ok, 1 unexpected error or aborted, 2 usage error, 3 invalid input or conflict,
4 not found, 5 not allowed, 6 a service (database) is unavailable, 7 configuration error,
8 `conduit check` found a problem.

Shell completion (bash; zsh and fish likewise): eval "$(_CONDUIT_COMPLETE=bash_source conduit)"
"""

import atexit
import os
import re
import shutil
import signal
import sys
import tempfile
from typing import Any

import click

from core.shared.errors import (
    CoreError,
    InvalidInput,
    Misconfigured,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    Unavailable,
)
from entrypoints.cli.checks import check
from entrypoints.cli.common import fail
from entrypoints.cli.content import articles, comments, tags
from entrypoints.cli.db import db, upgrade_database
from entrypoints.cli.ops import audit, cache, stats
from entrypoints.cli.seeding import seed
from entrypoints.cli.users import users
from entrypoints.logs import configure_logging
from entrypoints.settings import ConfigError, load_settings

WORKER_HEALTHCHECK_SECONDS = 30
EXIT_CODES: list[tuple[type[Exception], int]] = [
    (InvalidInput, 3),
    (NotFound, 4),
    (PermissionDenied, 5),
    (NotAuthenticated, 5),
    (Unavailable, 6),
    (Misconfigured, 7),
]


class ConduitGroup(click.Group):
    """Turns expected failures into one line on stderr and a documented exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CoreError as error:  # configuration errors included
            fail(error.message, _exit_code(error))
        except OSError as error:
            fail(f"{error.strerror or error}", 1)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception as error:  # a bug: still one line, with the way to the details
            if os.environ.get("CONDUIT_LOG_LEVEL", "").upper() == "DEBUG":
                raise
            hint = "CONDUIT_LOG_LEVEL=DEBUG shows the traceback"
            fail(f"unexpected {type(error).__name__}: {_first_line(error)} ({hint})", 1)


def _first_line(error: Exception) -> str:
    """The gist of a library's message: no SQL, no "(module.Class)" prefix, no link to its docs."""
    return re.sub(r"^\([\w.]+\)\s*", "", str(error).splitlines()[0] if str(error) else "")


def _exit_code(error: Exception) -> int:
    return next((code for kind, code in EXIT_CODES if isinstance(error, kind)), 1)


@click.group(cls=ConduitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="conduit")
def cli() -> None:
    """Conduit admin. Configuration comes from CONDUIT_* environment variables (see README).

    \b
    Examples:
      conduit check                      # is this deployment ready?
      conduit users ban jake --reason spam
      conduit seed --users 200 --articles 5000
    """


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
    """Serve the REST API (docs at /docs) with uvicorn (uvloop, httptools).

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
        upgrade_database(settings)
    if workers > 1:
        _share_metrics_between_workers()
    else:
        _exit_normally_on_sigterm()
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
        proxy_headers=False,  # client addresses: entrypoints.clients, CONDUIT_TRUSTED_PROXIES
        timeout_graceful_shutdown=int(settings.shutdown_timeout_seconds),
        # The supervisor kills a worker that does not answer its ping within this; a worker starting on
        # a busy machine (imports, building the app) took more than uvicorn's 5 s and was killed in a loop.
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
    )


def _exit_normally_on_sigterm() -> None:
    """Once it has drained and shut down, uvicorn raises the SIGTERM it caught again; by default that
    ends the process as "killed" (status 143, which `make run` reports as an error) and skips the exit
    handlers. A stop that was asked for is a normal end: status 0. (With several workers uvicorn's
    supervisor already ends with 0.)"""
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(0))


def _share_metrics_between_workers() -> None:
    """prometheus_client multiprocess mode: each worker writes its samples to one fresh directory."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        directory = tempfile.mkdtemp(prefix="conduit-metrics-")
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory


for command in (check, db, users, articles, comments, tags, audit, stats, seed, cache):
    cli.add_command(command)
