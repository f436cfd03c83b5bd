"""`conduit seed`: realistic demo data of any size, written in bulk, with a progress bar."""

import time

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from core.admin import SeedReport
from core.admin.ports import SeedProgress
from entrypoints.cli.common import with_conduit

STAGES = ("users", "articles", "article_tags", "follows", "favorites", "comments")


class _Bars(SeedProgress):
    """One bar per table, shown on stderr (stdout keeps the summary, for scripts)."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._planning = progress.add_task("planning", total=None)  # a few seconds per million articles
        self._tasks: dict[str, TaskID] = {}

    def planned(self, rows: dict[str, int]) -> None:
        self._progress.remove_task(self._planning)
        for stage in STAGES:
            self._tasks[stage] = self._progress.add_task(stage.replace("_", " "), total=rows[stage])

    def wrote(self, kind: str, rows: int) -> None:
        self._progress.advance(self._tasks[kind], rows)


@click.command()
@click.option("--users", "user_count", default=20, show_default=True, type=click.IntRange(2, 1_000_000))
@click.option(
    "--articles", "article_count", default=100, show_default=True, type=click.IntRange(0, 10_000_000)
)
@click.option("--password", default="conduit-demo", show_default=True, help="Password of every seeded user.")
@click.option(
    "--seed", "random_seed", default=0, show_default=True, help="Random seed (same seed, same data)."
)
def seed(user_count: int, article_count: int, password: str, random_seed: int) -> None:
    """Add realistic demo data: users who follow each other (one heavy reader follows 2,000
    authors), articles with power-law authors and tags, favorites leaning to recent articles,
    comments. Written in bulk, in one transaction, with every count exact; existing data stays.

    \b
    Examples:
      conduit seed --users 200 --articles 5000
      conduit seed --users 100000 --articles 1000000     # a big site: a few minutes
    """
    started = time.monotonic()
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description:>12}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        bars = _Bars(progress)
        report = with_conduit(
            lambda c: c.seed_demo_data(
                users=user_count, articles=article_count, password=password, seed=random_seed, progress=bars
            )
        )
    _summary(report, password, time.monotonic() - started)


def _summary(report: SeedReport, password: str, seconds: float) -> None:
    rows = report.rows
    click.echo(
        f"seeded {rows['users']} users, {rows['articles']} articles, {rows['comments']} comments, "
        f"{rows['favorites']} favorites, {rows['follows']} follows, {rows['tags']} tags "
        f"in {seconds:.0f} s (password of every user: {password!r})"
    )
    click.echo(
        f"users {report.first_username} .. {report.last_username}; "
        f"{report.heavy_reader} follows the most authors (a heavy feed)"
    )
