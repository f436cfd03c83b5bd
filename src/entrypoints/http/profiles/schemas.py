"""The response body of the profile endpoints."""

import msgspec

from entrypoints.http.common import Profile


class ProfileResponse(msgspec.Struct):
    profile: Profile
