"""The viewer-relations port: the per-viewer facts that shared read models leave out."""

from abc import abstractmethod
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Flags:
    favorited: set[str] = field(default_factory=set)  # slugs of articles the viewer favorited
    followed: set[str] = field(default_factory=set)  # canonical usernames the viewer follows


class ViewerRelations(Protocol):
    """Lets read models that are the same for every viewer (and so can be shared) be completed with
    `favorited` and `following` for one viewer.
    """

    @abstractmethod
    async def flags(
        self, viewer_id: int, slugs: Collection[str], canonical_usernames: Collection[str]
    ) -> Flags:
        """Among these slugs and usernames, the ones the viewer favorited and follows: one cheap,
        indexed query, whatever their number."""
