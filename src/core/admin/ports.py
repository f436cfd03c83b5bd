"""Ports of the admin module."""

from abc import abstractmethod
from dataclasses import dataclass
from typing import Protocol

from core.admin.views import CacheStats, Stats
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
