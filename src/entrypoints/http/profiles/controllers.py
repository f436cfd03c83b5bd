"""GET /api/profiles/{username}, POST and DELETE /api/profiles/{username}/follow."""

from typing import Any

from litestar import Controller, Request, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.status_codes import HTTP_200_OK

from core.profiles import FollowUser, GetProfile, UnfollowUser
from entrypoints.http.auth import SECURITY, signed_in, viewer_of
from entrypoints.http.common import Profile
from entrypoints.http.middleware.shared_responses import shares
from entrypoints.http.openapi import documented
from entrypoints.http.profiles.schemas import ProfileResponse


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
        request: Request[Any, Any, Any],
        get_profile: NamedDependency[GetProfile],
    ) -> ProfileResponse:
        viewer = await viewer_of(request)
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
        request: Request[Any, Any, Any],
        follow_user: NamedDependency[FollowUser],
    ) -> ProfileResponse:
        current_user = await signed_in(request)
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
        request: Request[Any, Any, Any],
        unfollow_user: NamedDependency[UnfollowUser],
    ) -> ProfileResponse:
        current_user = await signed_in(request)
        return ProfileResponse(Profile.of(await unfollow_user.execute(username, current_user.id)))
