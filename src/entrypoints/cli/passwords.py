"""How a CLI command gets a password: prompted (checked before the confirmation, asked again when it
breaks a rule), from standard input (--password-stdin, for scripts), or --password (visible in `ps`)."""

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from core.shared.errors import InvalidInput
from core.users.domain import Password
from entrypoints.cli.common import fail

F = TypeVar("F", bound=Callable[..., Any])
ATTEMPTS = 3


def password_options(command: F) -> F:
    """--password and --password-stdin; the command receives `password` (prompted when neither)."""
    command = click.option(
        "--password-stdin",
        "password_stdin",
        is_flag=True,
        help="Read the password from the first line of standard input (for scripts).",
    )(command)
    return click.option(
        "--password",
        help="The password. Other users of the machine can see it in `ps`: prefer the prompt or "
        "--password-stdin.",
    )(command)


def read_password(password: str | None, from_stdin: bool) -> str:
    if password is not None and from_stdin:
        raise click.UsageError("give --password or --password-stdin, not both")
    if password is not None:
        return password
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not has_terminal():
        fail("no terminal to ask for the password: pipe it in with --password-stdin", 2)
    return _prompt()


def has_terminal() -> bool:
    return sys.stdin.isatty()


def _prompt() -> str:
    attempt = 1
    while True:
        password = click.prompt("Password", hide_input=True)
        problem = _broken_rule(password)  # before the confirmation: no second typing for nothing
        if problem is None and click.prompt("Repeat for confirmation", hide_input=True) != password:
            problem = "the two entries do not match"
        if problem is None:
            return password
        if attempt == ATTEMPTS:
            fail(f"{problem} (no valid password after {ATTEMPTS} attempts)", 3)
        click.echo(f"error: {problem}; try again", err=True)
        attempt += 1


def _broken_rule(password: str) -> str | None:
    try:
        Password(password)
    except InvalidInput as error:
        return error.message
    return None
