"""Follow and unfollow a user (both idempotent)."""

import dataclasses

from core.profiles.errors import CannotFollowYourself, ProfileNotFound
from core.profiles.ports import ProfileQueries, ProfilesUnitOfWork
from core.shared.profiles import ProfileView
from core.shared.text import canonical


class _ChangeFollow:
    _following: bool

    def __init__(self, *, uow: ProfilesUnitOfWork, queries: ProfileQueries) -> None:
        self._uow, self._queries = uow, queries

    async def execute(self, username: str, follower_id: int) -> ProfileView:
        """Raises ProfileNotFound, CannotFollowYourself."""
        found = await self._queries.find(canonical(username))
        if found is None:
            raise ProfileNotFound
        if found.user_id == follower_id:
            raise CannotFollowYourself
        async with self._uow as uow:
            if self._following:
                await uow.follows.follow(follower_id, found.user_id)
            else:
                await uow.follows.unfollow(follower_id, found.user_id)
            await uow.commit()
        return dataclasses.replace(found.profile, following=self._following)


class FollowUser(_ChangeFollow):
    """Follow the named user; following twice is the same as once."""

    _following = True


class UnfollowUser(_ChangeFollow):
    """Stop following the named user; harmless when not following."""

    _following = False
