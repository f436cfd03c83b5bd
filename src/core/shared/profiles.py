"""The public face of a user as other modules show it (an article's or comment's author)."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileView:
    username: str
    bio: str
    image: str
    following: bool
