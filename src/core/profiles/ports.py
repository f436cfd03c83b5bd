"""Ports of the profiles module."""

from abc import abstractmethod
from dataclasses import dataclass
from typing import Protocol

from core.shared.profiles import ProfileView
from core.shared.uow import UnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class FoundProfile:
    user_id: int
    profile: ProfileView


class ProfileQueries(Protocol):
    @abstractmethod
    async def find(self, canonical_username: str) -> FoundProfile | None:
        """The profile, the same for every viewer (`following` False; GetProfile adds the viewer's)."""


class FollowRepository(Protocol):
    """Follow edges inside a unit of work. Both operations are idempotent."""

    @abstractmethod
    async def follow(self, follower_id: int, followee_id: int) -> None: ...

    @abstractmethod
    async def unfollow(self, follower_id: int, followee_id: int) -> None: ...


class ProfilesUnitOfWork(UnitOfWork, Protocol):
    follows: FollowRepository
