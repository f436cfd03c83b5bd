"""The viewer-relations port: the per-viewer facts that shared read models leave out."""

from abc import abstractmethod
from collections.abc import Collection
from typing import Protocol


class ViewerRelations(Protocol):
    """One cheap, indexed query per call, whatever the number of slugs or usernames.

    Lets read models that are the same for every viewer (and so can be shared) be completed with
    `favorited` and `following` for one viewer.
    """

    @abstractmethod
    async def favorited(self, viewer_id: int, slugs: Collection[str]) -> set[str]:
        """The slugs, among these, of the articles the viewer has favorited."""

    @abstractmethod
    async def followed(self, viewer_id: int, canonical_usernames: Collection[str]) -> set[str]:
        """The canonical usernames, among these, of the users the viewer follows."""
