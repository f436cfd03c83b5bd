"""Profiles: the public face of users, and who follows whom."""

from core.profiles.use_cases.follow_user import FollowUser, UnfollowUser
from core.profiles.use_cases.get_profile import GetProfile

__all__ = ["FollowUser", "GetProfile", "UnfollowUser"]
