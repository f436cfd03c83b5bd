"""What every command shares: running a use case, the operator's name, tables and JSON output."""

import asyncio
import dataclasses
import getpass
import json
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, NoReturn, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from core.shared.actor import Actor
from core.shared.pagination import Slice
from entrypoints.python_api import Conduit

T = TypeVar("T")

json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print JSON for machines instead of a table."
)
limit_option = click.option("--limit", default=20, show_default=True, type=int, help="Rows per page (1-100).")
offset_option = click.option("--offset", default=0, show_default=True, type=int, help="Rows to skip.")
yes_option = click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
reason_option = click.option("--reason", default="", help="Why: recorded in the audit log.")


def operator() -> Actor:
    """The audit log's "who" for CLI actions: the operating-system user running the command."""
    return Actor.operator(f"cli:{getpass.getuser()}")


def with_conduit(action: Callable[[Conduit], Awaitable[T]]) -> T:
    async def run() -> T:
        async with Conduit.open() as conduit:
            return await action(conduit)

    return asyncio.run(run())


def fail(message: str, code: int) -> NoReturn:
    """One line on stderr and a documented exit code (see main.py), never a traceback."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def confirm(question: str, yes: bool) -> None:
    if not yes and not click.confirm(question, default=False):
        fail("aborted (use --yes to skip this question)", 1)


def plain(value: Any) -> Any:
    """JSON-ready form of views: dataclasses, enums and datetimes."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    return value


def print_json(value: Any) -> None:
    click.echo(json.dumps(plain(value), ensure_ascii=False))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], footer: str | None = None) -> None:
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(Text(_cell(cell)) for cell in row))  # Text: no markup from user content
    # Piped output is for grep and awk: never wrap it at 80 columns.
    console = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 10_000)
    console.print(table)
    if footer:
        console.print(footer)


def page_footer(found: Slice[Any], offset: int, noun: str) -> str:
    more = f"; more with --offset {offset + len(found.items)}" if found.has_next else ""
    return f"{len(found.items)} {noun}{more}"


def print_record(record: dict[str, Any]) -> None:
    width = max(len(key) for key in record)
    for key, value in record.items():
        click.echo(f"{key.ljust(width)}  {_cell(value)}")


def _cell(value: Any) -> str:
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    return "" if value is None else str(value)
