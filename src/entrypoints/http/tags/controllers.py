"""GET /api/tags."""

from typing import Annotated

import msgspec
from litestar import get
from litestar.di import NamedDependency
from litestar.params import Parameter

from core.tags import DEFAULT_TAGS, MAX_TAGS, ListTags
from entrypoints.http.openapi import documented
from entrypoints.http.shared_responses import shares


class TagsResponse(msgspec.Struct):
    tags: list[str]


@get(
    "/tags",
    operation_id="GetTags",
    **documented(),
    summary="List the tags in use",
    description=f"The most used tags first (ties in name order): {DEFAULT_TAGS} unless `limit` says "
    f"otherwise, at most {MAX_TAGS}.",
    tags=["Tags"],
    opt=shares("tags"),
)
async def get_tags(
    list_tags: NamedDependency[ListTags],
    limit: Annotated[
        int,
        Parameter(ge=1, le=MAX_TAGS, description=f"How many tags, 1 to {MAX_TAGS} (default {DEFAULT_TAGS})."),
    ] = DEFAULT_TAGS,
) -> TagsResponse:
    return TagsResponse(await list_tags.execute(limit))
