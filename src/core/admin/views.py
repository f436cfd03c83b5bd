"""What the admin use cases return."""

from dataclasses import dataclass
from datetime import date, datetime


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


@dataclass(frozen=True, slots=True, kw_only=True)
class DailyActivity:
    """Sign-ups and new articles on one day (UTC)."""

    day: date
    signups: int
    articles: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleRow:
    """An article as operators list it."""

    slug: str
    title: str
    author: str
    tags: list[str]
    created_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class CommentRow:
    id: int
    article_slug: str
    body: str
    created_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class UserActivity:
    """What one account wrote and how connected it is: per-account indexed counts, latest content."""

    articles: int
    comments: int
    favorites: int
    followers: int
    recent_articles: list[ArticleRow]
    recent_comments: list[CommentRow]
