"""SQL implementations of the profiles ports."""

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.changes import ChangeLog
from adapters.persistence.errors import translated_errors
from adapters.persistence.sql import insert_ignoring_duplicates
from adapters.persistence.tables import follows, users
from core.profiles.ports import FollowRepository, FoundProfile, ProfileQueries
from core.shared.profiles import ProfileView


class SqlFollowRepository(FollowRepository):
    def __init__(self, session: AsyncSession, changes: ChangeLog) -> None:
        self._session, self._changes = session, changes

    async def follow(self, follower_id: int, followee_id: int) -> None:
        values = {"follower_id": follower_id, "followee_id": followee_id, "created_at": datetime.now(UTC)}
        if await insert_ignoring_duplicates(self._session, follows, values):
            self._changes.follow(follower_id)

    async def unfollow(self, follower_id: int, followee_id: int) -> None:
        removed = await self._session.execute(
            sa.delete(follows).where(
                follows.c.follower_id == follower_id, follows.c.followee_id == followee_id
            )
        )
        if removed.rowcount:  # type: ignore[attr-defined]
            self._changes.follow(follower_id)


class SqlProfileQueries(ProfileQueries):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def find(self, canonical_username: str) -> FoundProfile | None:
        query = sa.select(users.c.id, users.c.username, users.c.bio, users.c.image).where(
            users.c.username_canonical == canonical_username
        )
        async with translated_errors(), self._session_factory() as session:
            row = (await session.execute(query)).one_or_none()
        if row is None:
            return None
        profile = ProfileView(username=row.username, bio=row.bio, image=row.image, following=False)
        return FoundProfile(user_id=row.id, profile=profile)
