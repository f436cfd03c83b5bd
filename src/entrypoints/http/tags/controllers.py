"""GET /api/tags."""

import msgspec
from litestar import get
from litestar.di import NamedDependency

from core.tags import ListTags
from entrypoints.http.openapi import documented
from entrypoints.http.shared_responses import shares


class TagsResponse(msgspec.Struct):
    tags: list[str]


@get(
    "/tags",
    operation_id="GetTags",
    **documented(),
    summary="List the tags in use",
    tags=["Tags"],
    opt=shares("tags"),
)
async def get_tags(list_tags: NamedDependency[ListTags]) -> TagsResponse:
    return TagsResponse(await list_tags.execute())
