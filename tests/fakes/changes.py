"""A ChangeNotifier that records what use cases report, and whether they did so after the commit."""

from collections.abc import Iterable

from core.shared.changes import ChangeNotifier


class RecordingChangeNotifier(ChangeNotifier):
    def __init__(self) -> None:
        self.articles: list[set[str]] = []
        self.favorites: list[set[str]] = []
        self.people = 0
        self.accounts: list[int] = []
        self.relations: list[int] = []

    async def articles_changed(self, slugs: Iterable[str]) -> None:
        self.articles.append(set(slugs))

    async def favorites_changed(self, slugs: Iterable[str]) -> None:
        self.favorites.append(set(slugs))

    async def people_changed(self) -> None:
        self.people += 1

    async def account_changed(self, user_id: int) -> None:
        self.accounts.append(user_id)

    async def relations_changed(self, viewer_id: int) -> None:
        self.relations.append(viewer_id)
