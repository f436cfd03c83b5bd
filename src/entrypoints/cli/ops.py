"""`conduit stats|audit|seed`: what operators look at, and demo data."""

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
from entrypoints.cli.seeding import seed_demo_data
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


@click.command()
@click.option("--users", "user_count", default=20, show_default=True, type=click.IntRange(2, 100_000))
@click.option(
    "--articles", "article_count", default=100, show_default=True, type=click.IntRange(0, 1_000_000)
)
@click.option("--password", default="conduit-demo", show_default=True, help="Password of every seeded user.")
@click.option(
    "--seed", "random_seed", default=0, show_default=True, help="Random seed (same seed, same data)."
)
def seed(user_count: int, article_count: int, password: str, random_seed: int) -> None:
    """Fill the database with realistic demo data: users who follow each other, articles with tags,
    favorites and comments. Runs through the same use cases as the API, so all rules hold.

    \b
    Example:
      conduit seed --users 200 --articles 5000
    """
    result = with_conduit(lambda c: seed_demo_data(c, user_count, article_count, password, random_seed))
    click.echo(
        f"seeded {result.users} users, {result.articles} articles, {result.comments} comments, "
        f"{result.favorites} favorites, {result.follows} follows (password of every user: {password!r})"
    )


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
    if not stats.shared:
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
        click.echo("cache cleared")
    else:
        click.echo(
            "nothing shared to clear: the in-process cache belongs to each server process "
            "(restart it, or entries expire after CONDUIT_CACHE_TTL_SECONDS)"
        )


async def _clear(conduit: Conduit) -> CacheStats:
    await conduit.clear_cache()
    return await conduit.cache_stats()
