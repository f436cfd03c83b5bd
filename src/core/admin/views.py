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
