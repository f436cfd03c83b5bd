"""The rows of demo data and the size of a demo site: plain values, as the core would write them."""

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple


class DemoUser(NamedTuple):
    id: int
    username: str
    username_canonical: str
    email: str
    email_canonical: str
    bio: str
    image: str
    created_at: datetime
    articles_count: int
    favorites_count: int


class DemoTag(NamedTuple):
    name: str
    articles_count: int


class DemoArticle(NamedTuple):
    id: int
    slug: str
    title: str
    description: str
    body: str
    author_id: int
    created_at: datetime
    tags: tuple[str, ...]
    favorites_count: int


class DemoFavorite(NamedTuple):
    user_id: int
    article_id: int
    created_at: datetime
    article_created_at: datetime


class DemoFollow(NamedTuple):
    follower_id: int
    followee_id: int
    created_at: datetime


class DemoComment(NamedTuple):
    article_id: int
    author_id: int
    body: str
    created_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoSize:
    users: int
    articles: int
    favorites_per_article: float = 3.0
    follows_per_user: float = 10.0
    comments_per_article: float = 2.0
    heavy_follows: int = 2_000  # authors followed by the heavy reader (the first seeded user)

    @property
    def tags(self) -> int:
        """10,000 tags at a million articles, fewer on small sites (a few dozen at least)."""
        return max(40, min(10_000, self.articles // 100))


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoIds:
    """Where the new rows start: ids are never reused, so seeding adds to what is there."""

    first_user: int
    first_article: int
