"""Ports of the admin module."""

from abc import abstractmethod
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from core.admin.demo_data import DemoIds, DemoPlan
from core.admin.views import ArticleRow, CacheStats, DailyActivity, RecountReport, Stats, UserActivity
from core.shared.audit import AuditEntry
from core.shared.pagination import PageRequest, Slice


class StatsQueries(Protocol):
    @abstractmethod
    async def stats(self) -> Stats:
        """Counts of everything. Counting whole tables is slow on big sites: callers may cache it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditFilters:
    actor: str | None = None
    action: str | None = None  # exact, or a prefix ending in "." ("user." for every user action)
    target: str | None = None


class AuditQueries(Protocol):
    @abstractmethod
    async def entries(self, page: PageRequest, filters: AuditFilters) -> Slice[AuditEntry]:
        """Newest first."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleSearch:
    """All given filters apply together. `author` and `tag` are exact (any case); `title` is a part."""

    title: str | None = None
    author: str | None = None
    tag: str | None = None


class ContentQueries(Protocol):
    """Operators' read models over accounts and content: indexed, paginated, no whole-table counts."""

    @abstractmethod
    async def search_articles(self, search: ArticleSearch, page: PageRequest) -> Slice[ArticleRow]:
        """Newest first."""

    @abstractmethod
    async def user_activity(self, canonical_username: str, recent: int) -> UserActivity | None:
        """Counts and the `recent` newest articles and comments of an account; None if there is none."""

    @abstractmethod
    async def daily_activity(self, since: date) -> list[DailyActivity]:
        """One entry per day since `since` (UTC) with any sign-up or article, in any order."""


class CacheControl(Protocol):
    """The shared cache, seen by operators. Raises Unavailable when the cache cannot be reached."""

    @abstractmethod
    async def stats(self) -> CacheStats: ...

    @abstractmethod
    async def clear(self) -> None:
        """Make every cached entry unreachable at once (they expire on their own)."""


class SeedProgress(Protocol):
    """Follows a seed, for progress bars."""

    @abstractmethod
    def planned(self, rows: dict[str, int]) -> None:
        """The plan is made: this many rows of each kind (table) will be written."""

    @abstractmethod
    def wrote(self, kind: str, rows: int) -> None:
        """This many more rows of this kind are written."""


class DemoDataWriter(Protocol):
    """Writes a demo-data plan in bulk, in one transaction: a seed that fails leaves no trace."""

    @abstractmethod
    async def next_ids(self) -> DemoIds:
        """The first user and article ids that no row has ever had."""

    @abstractmethod
    async def write(self, plan: DemoPlan, password_hash: str, progress: SeedProgress) -> None:
        """Every row of the plan, with its maintained counts. Raises AlreadyExists when a planned
        username, e-mail or slug is taken, Unavailable when the database cannot be reached."""


class PasswordHashing(Protocol):
    """The password hasher, as seeding needs it: every demo user shares one hash."""

    @abstractmethod
    async def hash(self, password: str) -> str: ...


class CountsRepair(Protocol):
    """The maintained counts (favorites per article, articles and favorites per user, articles per tag,
    the number of articles), recomputed from the rows they count."""

    @abstractmethod
    async def recount(self, *, fix: bool = True) -> RecountReport:
        """Report every wrong count; write the right ones when `fix`. One transaction, exact even while
        others write (writers wait for it)."""
