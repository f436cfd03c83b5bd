"""Profiles use cases wired to in-memory fakes."""

from dataclasses import dataclass

import pytest

from core.profiles import FollowUser, GetProfile, UnfollowUser
from tests.fakes.profiles import InMemoryProfileQueries, InMemoryProfilesUnitOfWork
from tests.fakes.relations import InMemoryViewerRelations
from tests.fakes.world import InMemoryWorld


@dataclass
class ProfilesWorld:
    db: InMemoryWorld

    def get(self) -> GetProfile:
        return GetProfile(queries=InMemoryProfileQueries(self.db), relations=InMemoryViewerRelations(self.db))

    def _uow(self) -> InMemoryProfilesUnitOfWork:
        return InMemoryProfilesUnitOfWork(self.db)

    def follow(self) -> FollowUser:
        return FollowUser(
            uow=InMemoryProfilesUnitOfWork(self.db),
            queries=InMemoryProfileQueries(self.db),
        )

    def unfollow(self) -> UnfollowUser:
        return UnfollowUser(
            uow=InMemoryProfilesUnitOfWork(self.db),
            queries=InMemoryProfileQueries(self.db),
        )


@pytest.fixture
def world() -> ProfilesWorld:
    return ProfilesWorld(InMemoryWorld())
