"""What the admin use cases return."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Stats:
    users: int
    articles: int
    comments: int
    favorites: int
    follows: int
    tags: int


@dataclass(frozen=True, slots=True, kw_only=True)
class RecountReport:
    """Per kind of maintained count ("articles.favorites_count", ...), how many rows were wrong."""

    drift: dict[str, int]
    fixed: bool  # False: only looked, nothing written

    @property
    def total(self) -> int:
        return sum(self.drift.values())


@dataclass(frozen=True, slots=True, kw_only=True)
class CacheStats:
    backend: str  # "redis" or "in-process"
    shared: bool  # whether every server process sees this cache (only Redis is)
    entries: int | None
    memory_bytes: int | None
