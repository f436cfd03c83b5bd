"""GET /api/profiles/{username}, POST and DELETE /api/profiles/{username}/follow."""

import msgspec
from litestar import Controller, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.status_codes import HTTP_200_OK

from core.profiles import FollowUser, GetProfile, UnfollowUser
from core.users.views import CurrentUser
from entrypoints.http.auth import SECURITY
from entrypoints.http.common import Profile
from entrypoints.http.openapi import documented
from entrypoints.http.shared_responses import shares


class ProfileResponse(msgspec.Struct):
    profile: Profile


class ProfilesController(Controller):
    path = "/profiles/{username:str}"
    tags = ["Profile"]

    @get(
        operation_id="GetProfileByUsername",
        **documented(401, 404),
        summary="Get a profile",
        opt=shares("profile"),
    )
    async def get_profile(
        self,
        username: FromPath[str],
        viewer: NamedDependency[CurrentUser | None],
        get_profile: NamedDependency[GetProfile],
    ) -> ProfileResponse:
        view = await get_profile.execute(username, viewer.id if viewer else None)
        return ProfileResponse(Profile.of(view))

    @post(
        "/follow",
        status_code=HTTP_200_OK,
        operation_id="FollowUserByUsername",
        **documented(401, 404, 422),
        summary="Follow a user",
        security=SECURITY,
    )
    async def follow(
        self,
        username: FromPath[str],
        current_user: NamedDependency[CurrentUser],
        follow_user: NamedDependency[FollowUser],
    ) -> ProfileResponse:
        return ProfileResponse(Profile.of(await follow_user.execute(username, current_user.id)))

    @delete(
        "/follow",
        status_code=HTTP_200_OK,
        operation_id="UnfollowUserByUsername",
        **documented(401, 404, 422),
        summary="Unfollow a user",
        security=SECURITY,
    )
    async def unfollow(
        self,
        username: FromPath[str],
        current_user: NamedDependency[CurrentUser],
        unfollow_user: NamedDependency[UnfollowUser],
    ) -> ProfileResponse:
        return ProfileResponse(Profile.of(await unfollow_user.execute(username, current_user.id)))
