"""Shapes shared by several endpoints: the author profile and RealWorld timestamps."""

import functools
from datetime import UTC, datetime
from typing import Annotated

import msgspec

from core.shared.profiles import ProfileView

# Always with milliseconds and "Z" ("2016-02-18T03:22:56.637Z"), as the RealWorld suite expects.
Timestamp = Annotated[str, msgspec.Meta(extra_json_schema={"format": "date-time"})]


@functools.lru_cache(maxsize=65536)  # articles are listed again and again: format each moment once
def timestamp(moment: datetime) -> str:
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    return moment.isoformat(timespec="milliseconds")[:-6] + "Z"  # "+00:00" -> "Z" (isoformat is fast)


class Profile(msgspec.Struct):
    username: str
    bio: str
    image: str
    following: bool

    @classmethod
    def of(cls, view: ProfileView) -> "Profile":
        return cls(username=view.username, bio=view.bio, image=view.image, following=view.following)
