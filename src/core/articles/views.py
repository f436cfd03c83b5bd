"""What the articles use cases return."""

from dataclasses import dataclass
from datetime import datetime

from core.shared.profiles import ProfileView


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleSummary:
    """An article as listed (no body). `tag_list` is sorted; `favorited` is the viewer's."""

    slug: str
    title: str
    description: str
    tag_list: list[str]
    created_at: datetime
    updated_at: datetime
    favorited: bool
    favorites_count: int
    author: ProfileView


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleView(ArticleSummary):
    body: str


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """Names one article of a listing: its id, and its slug (what its cached copy is known by)."""

    id: int
    slug: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Listing:
    """Which articles a page holds, in order, without what they show: a list read is a listing,
    then the summaries of its articles. A write that changes one article (a favorite, an edit)
    leaves every listing as it is."""

    refs: list[ArticleRef]
    total: int  # every article matching the filters, not just this page


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticlePage:
    articles: list[ArticleSummary]
    total: int  # every article matching the filters, not just this page
