"""`conduit db ...`: schema migrations, and repairing the maintained counts."""

import click

from entrypoints.cli.checks import NEWER
from entrypoints.cli.common import json_option, print_json, print_record, with_conduit
from entrypoints.container import build_container
from entrypoints.settings import Settings, load_settings


@click.group()
def db() -> None:
    """Database schema migrations and count repair."""


@db.command("upgrade")
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Upgrade the schema to REVISION (default: the newest)."""
    upgrade_database(load_settings(), revision)


@db.command("downgrade")
@click.argument("revision", default="-1")
def downgrade(revision: str) -> None:
    """Downgrade the schema to REVISION (default: one step back; "base" removes everything)."""
    build_container(load_settings()).infra.migrations().downgrade(revision)
    click.echo(f"database downgraded to {revision}")


@db.command("current")
@json_option
def current(as_json: bool) -> None:
    """Print the revision the database is at, and whether it is the newest."""
    revision, head = with_conduit(lambda c: c.schema_status())
    if as_json:
        print_json({"current": revision, "head": head, "up_to_date": revision == head})
        return
    if revision == head:
        state = "up to date"
    elif revision and not with_conduit(lambda c: c.knows_migration(revision)):
        state = NEWER
    else:
        state = f"behind: newest is {head}"
    click.echo(f"{revision or 'empty (no migrations applied)'} ({state})")


@db.command("history")
def history() -> None:
    """List the migrations, newest first."""
    for revision, message in build_container(load_settings()).infra.migrations().history():
        click.echo(f"{revision}  {message}")


@db.command("recount")
@click.option("--check", is_flag=True, help="Only report the drift; change nothing.")
@json_option
def recount(check: bool, as_json: bool) -> None:
    """Recompute the maintained counts (favorites, articles per author and tag, ...) from the rows
    they count, report how many were wrong, and fix them."""
    report = with_conduit(lambda c: c.recount(fix=not check))
    if as_json:
        print_json({"drift": report.drift, "total": report.total, "fixed": report.fixed})
        return
    print_record(report.drift)
    if not report.total:
        click.echo("no drift: every count is exact")
    else:
        click.echo(f"{report.total} wrong " + ("(fixed)" if report.fixed else "(not fixed: --check)"))


@db.command("revision", hidden=True)
@click.option("-m", "--message", required=True, help="What the migration does.")
def revision(message: str) -> None:
    """(developers) Autogenerate a migration from the table definitions."""
    path = build_container(load_settings()).infra.migrations().make_revision(message)
    click.echo(f"created {path}")


def upgrade_database(settings: Settings, revision: str = "head") -> None:
    build_container(settings).infra.migrations().upgrade(revision)
    click.echo(f"database upgraded to {revision}")
