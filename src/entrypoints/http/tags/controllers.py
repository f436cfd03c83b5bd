"""GET /api/tags."""

import msgspec
from litestar import get
from litestar.di import NamedDependency

from core.tags import ListTags


class TagsResponse(msgspec.Struct):
    tags: list[str]


@get("/tags", operation_id="GetTags", summary="List the tags in use", tags=["Tags"])
async def get_tags(list_tags: NamedDependency[ListTags]) -> TagsResponse:
    return TagsResponse(await list_tags.execute())
