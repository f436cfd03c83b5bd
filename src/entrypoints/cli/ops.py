"""`conduit stats|audit|cache`: what operators look at."""

import click

from core.admin.views import CacheStats, DailyActivity, Stats
from entrypoints.cli.common import (
    confirm,
    json_option,
    limit_option,
    offset_option,
    page_footer,
    plain,
    print_json,
    print_record,
    print_table,
    with_conduit,
    yes_option,
)
from entrypoints.python_api import Conduit


@click.command()
@click.option("--days", type=click.IntRange(1, 90), help="Also sign-ups and new articles per day (UTC).")
@json_option
def stats(days: int | None, as_json: bool) -> None:
    """Counts of users, articles, comments, favorites, follows and tags.

    \b
    Example:
      conduit stats --days 7
    """
    counts, series = with_conduit(lambda c: _stats(c, days))
    if as_json:
        print_json({**plain(counts), **({"days": series} if days else {})})
        return
    print_record(plain(counts))
    if days:
        print_table(["DAY", "SIGN-UPS", "ARTICLES"], [[d.day, d.signups, d.articles] for d in series])


async def _stats(conduit: Conduit, days: int | None) -> tuple[Stats, list[DailyActivity]]:
    return await conduit.stats(), (await conduit.daily_activity(days=days) if days else [])


@click.group()
def audit() -> None:
    """The audit log of moderation and administration."""


@audit.command("list")
@click.option("--actor", help='Only actions by this actor (a username, or "cli:<user>").')
@click.option(
    "--action", help='Only this action, or every action starting with a prefix ending in "." ("user.").'
)
@click.option("--target", help='Only this target ("user:jake", "article:<slug>", "comment:<id>").')
@limit_option
@offset_option
@json_option
def audit_list(
    actor: str | None, action: str | None, target: str | None, limit: int, offset: int, as_json: bool
) -> None:
    """Newest first.

    \b
    Example:
      conduit audit list --action user. --limit 50
    """
    found = with_conduit(
        lambda c: c.audit_log(limit=limit, offset=offset, actor=actor, action=action, target=target)
    )
    if as_json:
        print_json({"entries": found.items, "has_next": found.has_next})
        return
    rows = [[e.at, e.actor, e.action, e.target, e.reason] for e in found.items]
    print_table(["WHEN", "WHO", "ACTION", "TARGET", "REASON"], rows, page_footer(found, offset, "entries"))


@click.group()
def cache() -> None:
    """The read cache (Redis when configured, otherwise in each server process)."""


@cache.command("stats")
@json_option
def cache_stats(as_json: bool) -> None:
    """What the cache holds."""
    stats = with_conduit(lambda c: c.cache_stats())
    if as_json:
        print_json(stats)
        return
    print_record(plain(stats))
    if stats.shared:
        click.echo(
            "note: entries counts every key under the prefix, also those `conduit cache clear` made "
            "unreachable (they expire within CONDUIT_CACHE_TTL_SECONDS)"
        )
    else:
        click.echo(
            "note: the in-process cache lives in each server process; this command sees its own, empty one"
        )


@cache.command("clear")
@yes_option
def cache_clear(yes: bool) -> None:
    """Make every cached entry unreachable at once (the next reads go to the database)."""
    confirm("Clear the cache?", yes)
    stats = with_conduit(lambda c: _clear(c))
    if stats.shared:
        click.echo(
            f"cache cleared: the {stats.entries} stored entries are unreachable now (the next reads go to "
            "the database); they stay counted by `cache stats` until they expire"
        )
    else:
        click.echo(
            "nothing shared to clear: the in-process cache belongs to each server process "
            "(restart it, or entries expire after CONDUIT_CACHE_TTL_SECONDS)"
        )


async def _clear(conduit: Conduit) -> CacheStats:
    await conduit.clear_cache()
    return await conduit.cache_stats()
