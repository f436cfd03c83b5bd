"""The viewer-relations port: the per-viewer facts that read models leave out.

Read models answer the same for every viewer (so one copy can be cached and shared); the use cases
that answer a viewer ask this port for that viewer's flags on what the page shows, in one call.
"""

import dataclasses
from abc import abstractmethod
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from core.shared.profiles import ProfileView
from core.shared.text import canonical


@dataclass(frozen=True, slots=True)
class Flags:
    favorited: set[str] = field(default_factory=set)  # slugs of articles the viewer favorited
    followed: set[str] = field(default_factory=set)  # canonical usernames the viewer follows


class ViewerRelations(Protocol):
    """`favorited` and `following` of one viewer, for the items of one answer."""

    @abstractmethod
    async def flags(
        self, viewer_id: int, slugs: Collection[str], canonical_usernames: Collection[str]
    ) -> Flags:
        """Among these slugs and usernames, the ones the viewer favorited and follows: one cheap,
        indexed query, whatever their number."""

    @abstractmethod
    async def all_favorited(self, viewer_id: int, at_most: int) -> set[str] | None:
        """Every slug the viewer favorited; None when there are more than `at_most` (then ask per
        answer with flags())."""

    @abstractmethod
    async def all_followed(self, viewer_id: int, at_most: int) -> set[str] | None:
        """Every canonical username the viewer follows; None when there are more than `at_most`."""


async def with_following(
    relations: ViewerRelations, viewer_id: int | None, profiles: Sequence[ProfileView]
) -> list[ProfileView]:
    """The profiles with `following` as the viewer sees them (all False for anonymous viewers)."""
    if viewer_id is None or not profiles:
        return list(profiles)
    flags = await relations.flags(viewer_id, (), {canonical(p.username) for p in profiles})
    return [following(p, flags) for p in profiles]


def following(profile: ProfileView, flags: Flags) -> ProfileView:
    if canonical(profile.username) not in flags.followed:
        return profile  # impersonal views hold False already
    return dataclasses.replace(profile, following=True)
