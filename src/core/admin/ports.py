"""Ports of the admin module."""

from abc import abstractmethod
from dataclasses import dataclass
from typing import Protocol

from core.admin.views import CacheStats, RecountReport, Stats
from core.shared.audit import AuditEntry
from core.shared.pagination import PageRequest


class StatsQueries(Protocol):
    @abstractmethod
    async def stats(self) -> Stats: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditFilters:
    actor: str | None = None
    action: str | None = None  # exact, or a prefix ending in "." ("user." for every user action)
    target: str | None = None


class AuditQueries(Protocol):
    @abstractmethod
    async def entries(self, page: PageRequest, filters: AuditFilters) -> tuple[list[AuditEntry], int]:
        """Newest first, with the number of matching entries."""


class CacheControl(Protocol):
    """The shared cache, seen by operators. Raises Unavailable when the cache cannot be reached."""

    @abstractmethod
    async def stats(self) -> CacheStats: ...

    @abstractmethod
    async def clear(self) -> None:
        """Make every cached entry unreachable at once (they expire on their own)."""


class CountsRepair(Protocol):
    """The maintained counts (favorites per article, articles and favorites per user, articles per tag,
    the number of articles), recomputed from the rows they count."""

    @abstractmethod
    async def recount(self, *, fix: bool = True) -> RecountReport:
        """Report every wrong count; write the right ones when `fix`. One transaction, exact even while
        others write (writers wait for it)."""
