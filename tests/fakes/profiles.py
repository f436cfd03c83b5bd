"""In-memory fakes of the profiles ports, on the shared in-memory world."""

from core.profiles.ports import FollowRepository, FoundProfile, ProfileQueries, ProfilesUnitOfWork
from tests.fakes.world import InMemoryUnitOfWork, InMemoryWorld, Tables


class InMemoryFollowRepository(FollowRepository):
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    async def follow(self, follower_id: int, followee_id: int) -> None:
        self._tables.follows.add((follower_id, followee_id))

    async def unfollow(self, follower_id: int, followee_id: int) -> None:
        self._tables.follows.discard((follower_id, followee_id))


class InMemoryProfilesUnitOfWork(InMemoryUnitOfWork, ProfilesUnitOfWork):
    def _bind(self, tables: Tables) -> None:
        self.follows = InMemoryFollowRepository(tables)


class InMemoryProfileQueries(ProfileQueries):
    def __init__(self, world: InMemoryWorld) -> None:
        self._world = world

    async def find(self, canonical_username: str) -> FoundProfile | None:
        user_id = self._world.user_id(canonical_username)
        if user_id is None:
            return None
        return FoundProfile(user_id=user_id, profile=self._world.profile(user_id))
