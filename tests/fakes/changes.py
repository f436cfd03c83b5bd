"""A ChangeNotifier that records what use cases report, and whether they did so after the commit."""

from collections.abc import Iterable

from core.shared.changes import ChangeNotifier
from core.shared.errors import Unavailable


class RecordingChangeNotifier(ChangeNotifier):
    def __init__(self) -> None:
        self.articles: list[set[str]] = []
        self.tags: list[set[str]] = []
        self.favorites: list[set[str]] = []
        self.people = 0
        self.accounts: list[int] = []
        self.relations: list[int] = []
        self.follows: list[int] = []
        self.retired = 0
        self.sessions: list[str] = []
        self.revocable = True  # False: plays a process that cannot reach the servers' cache

    async def articles_changed(self, slugs: Iterable[str], tags: Iterable[str]) -> None:
        self.articles.append(set(slugs))
        self.tags.append(set(tags))

    async def favorites_changed(self, slugs: Iterable[str]) -> None:
        self.favorites.append(set(slugs))

    async def people_changed(self) -> None:
        self.people += 1

    async def account_changed(self, user_id: int) -> None:
        self.accounts.append(user_id)

    async def session_changed(self, session_id: str) -> None:
        self.sessions.append(session_id)

    async def ensure_revocable(self) -> None:
        if not self.revocable:
            raise Unavailable("the servers' cache is unreachable")

    async def relations_changed(self, viewer_id: int) -> None:
        self.relations.append(viewer_id)

    async def follows_changed(self, viewer_id: int) -> None:
        self.follows.append(viewer_id)

    async def slugs_retired(self) -> None:
        self.retired += 1
