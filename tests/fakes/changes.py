"""A ChangeNotifier that records what use cases report, and whether they did so after the commit."""

from collections.abc import Iterable

from core.shared.changes import ChangeNotifier


class RecordingChangeNotifier(ChangeNotifier):
    def __init__(self) -> None:
        self.articles: list[set[str]] = []
        self.people = 0

    async def articles_changed(self, slugs: Iterable[str]) -> None:
        self.articles.append(set(slugs))

    async def people_changed(self) -> None:
        self.people += 1
