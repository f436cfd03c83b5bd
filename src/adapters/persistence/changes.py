"""What a unit of work's repositories changed, told to the ChangeNotifier after a successful commit.

Repositories record as they write; the unit of work publishes after the commit (never before, never
after a rollback). So a new write use case keeps the caches right without knowing they exist.
"""

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field

from core.shared.changes import ChangeNotifier


@dataclass
class ChangeLog:
    slugs: set[str] = field(default_factory=set)  # articles created, edited or deleted
    tags: set[str] = field(default_factory=set)  # the tags of articles created or edited (old and new)
    favorited: set[str] = field(default_factory=set)  # articles whose favorites count changed
    fans: set[int] = field(default_factory=set)  # users whose own favorites changed
    followers: set[int] = field(default_factory=set)  # users whose own follows changed
    accounts: set[int] = field(default_factory=set)  # accounts whose authentication state changed
    sessions: set[str] = field(default_factory=set)  # sessions ended one by one
    people: bool = False  # a public profile (username, bio, image) changed or went
    lists: bool = False  # articles went without being named (a user's, with the user)
    retired: bool = False  # a slug changed or went (an edit of the title, a deletion)

    def article(self, *slugs: str) -> None:
        self.slugs.update(slugs)

    def favorite(self, slug: str, user_id: int) -> None:
        self.favorited.add(slug)
        self.fans.add(user_id)

    def follow(self, follower_id: int) -> None:
        self.followers.add(follower_id)

    async def publish(self, notifier: ChangeNotifier) -> None:
        """Every notice at once: a cache sends what they invalidate together (one round trip)."""
        notices: list[Awaitable[None]] = []
        if self.slugs or self.lists:
            notices.append(notifier.articles_changed(self.slugs, self.tags))
        if self.retired or self.lists:
            notices.append(notifier.slugs_retired())
        if self.favorited - self.slugs:
            notices.append(notifier.favorites_changed(self.favorited - self.slugs))
        notices += [notifier.relations_changed(fan_id) for fan_id in self.fans]
        notices += [notifier.follows_changed(follower_id) for follower_id in self.followers]
        if self.people:
            notices.append(notifier.people_changed())
        notices += [notifier.account_changed(user_id) for user_id in self.accounts]
        notices += [notifier.session_changed(session_id) for session_id in self.sessions]
        if notices:
            await asyncio.gather(*notices)
