"""`conduit users ...`: accounts and their administration."""

import click

from core.users.views import UserDetails
from entrypoints.cli.common import (
    confirm,
    json_option,
    limit_option,
    offset_option,
    operator,
    page_footer,
    print_json,
    print_record,
    print_table,
    reason_option,
    with_conduit,
    yes_option,
)
from entrypoints.cli.passwords import password_options, read_password


@click.group()
def users() -> None:
    """User accounts: create, list, show, roles, bans, passwords, sessions, deletion."""


@users.command("create")
@click.argument("username")
@click.option("--email", required=True)
@password_options
@click.option("--role", type=click.Choice(["user", "moderator", "admin"]), default="user", show_default=True)
def create(username: str, email: str, password: str | None, password_stdin: bool, role: str) -> None:
    """Create an account. The password is prompted for unless given.

    \b
    Examples:
      conduit users create jake --email jake@example.com --role moderator
      printf '%s\n' "$PASSWORD" | conduit users create jake --email jake@example.com --password-stdin
    """
    password = read_password(password, password_stdin)

    created = with_conduit(
        lambda c: c.create_user(
            username=username, email=email, password=password, role=role, actor=operator()
        )
    )
    click.echo(f"created user {created.username} <{created.email}> ({created.role})")


@users.command("list")
@click.option("--role", type=click.Choice(["user", "moderator", "admin"]), help="Only this role.")
@click.option("--banned/--not-banned", default=None, help="Only banned, or only not banned, accounts.")
@click.option("--search", help="Part of the username or email.")
@limit_option
@offset_option
@json_option
def list_users(
    role: str | None, banned: bool | None, search: str | None, limit: int, offset: int, as_json: bool
) -> None:
    """List accounts, oldest first.

    \b
    Examples:
      conduit users list --role moderator
      conduit users list --banned --json
    """
    found = with_conduit(
        lambda c: c.list_users(limit=limit, offset=offset, role=role, banned=banned, search=search)
    )
    if as_json:
        print_json({"users": found.items, "has_next": found.has_next})
        return
    rows = [[u.id, u.username, u.email, u.role, u.banned, u.created_at] for u in found.items]
    print_table(
        ["ID", "USERNAME", "EMAIL", "ROLE", "BANNED", "CREATED"], rows, page_footer(found, offset, "users")
    )


@users.command("show")
@click.argument("username")
@json_option
def show(username: str, as_json: bool) -> None:
    """Everything about one account (never its password hash)."""
    _report(with_conduit(lambda c: c.show_user(username, actor=operator())), as_json)


@users.command("set-role")
@click.argument("username")
@click.argument("role", type=click.Choice(["user", "moderator", "admin"]))
@reason_option
def set_role(username: str, role: str, reason: str) -> None:
    """Make an account a user, moderator or admin.

    \b
    Example:
      conduit users set-role jake moderator --reason "community volunteer"
    """
    details = with_conduit(lambda c: c.set_role(username, role, reason=reason, actor=operator()))
    click.echo(f"{details.username} is now {details.role}")


@users.command("ban")
@click.argument("username")
@click.option("--reason", required=True, help="Why: recorded in the audit log.")
@yes_option
def ban(username: str, reason: str, yes: bool) -> None:
    """Ban an account: it cannot log in, and its sessions end at once.

    \b
    Example:
      conduit users ban jake --reason spam
    """
    confirm(f"Ban {username}?", yes)
    with_conduit(lambda c: c.ban_user(username, reason=reason, actor=operator()))
    click.echo(f"banned {username}")


@users.command("unban")
@click.argument("username")
@reason_option
def unban(username: str, reason: str) -> None:
    """Lift a ban (the user logs in again; old sessions stay ended)."""
    with_conduit(lambda c: c.unban_user(username, reason=reason, actor=operator()))
    click.echo(f"unbanned {username}")


@users.command("set-password")
@click.argument("username")
@password_options
@reason_option
def set_password(username: str, password: str | None, password_stdin: bool, reason: str) -> None:
    """Set a new password for an account (prompted for unless given); its sessions end."""
    password = read_password(password, password_stdin)
    with_conduit(lambda c: c.set_password(username, password, reason=reason, actor=operator()))
    click.echo(f"password of {username} changed; existing sessions ended")


@users.command("logout")
@click.argument("username")
@reason_option
def logout(username: str, reason: str) -> None:
    """End every session of an account (all its tokens stop working)."""
    with_conduit(lambda c: c.force_logout(username, reason=reason, actor=operator()))
    click.echo(f"logged {username} out everywhere")


@users.command("delete")
@click.argument("username")
@reason_option
@yes_option
def delete(username: str, reason: str, yes: bool) -> None:
    """Delete an account with its articles, comments, favorites and follows."""
    confirm(f"Delete {username} and everything they wrote? This cannot be undone.", yes)
    with_conduit(lambda c: c.delete_user(username, reason=reason, actor=operator()))
    click.echo(f"deleted {username}")


def _report(details: UserDetails, as_json: bool) -> None:
    if as_json:
        print_json(details)
        return
    print_record(
        {
            "id": details.id,
            "username": details.username,
            "email": details.email,
            "role": details.role,
            "banned": f"since {details.banned_at:%Y-%m-%d %H:%M} ({details.ban_reason})"
            if details.banned_at
            else "no",
            "bio": details.bio,
            "image": details.image,
            "created": details.created_at,
            "updated": details.updated_at,
        }
    )
