"""GET /api/tags."""

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import Parameter

from core.tags import DEFAULT_TAGS, MAX_TAGS, ListTags
from entrypoints.http.middleware.shared_responses import shares
from entrypoints.http.openapi import documented
from entrypoints.http.tags.schemas import TagsResponse

Limit = Annotated[
    int, Parameter(ge=1, le=MAX_TAGS, description=f"How many tags, 1 to {MAX_TAGS} (default {DEFAULT_TAGS}).")
]


class TagsController(Controller):
    path = "/tags"
    tags = ["Tags"]

    @get(
        operation_id="GetTags",
        **documented(),
        summary="List the tags in use",
        description=f"The most used tags first (ties in name order): {DEFAULT_TAGS} unless `limit` says "
        f"otherwise, at most {MAX_TAGS}.",
        opt=shares("tags"),
    )
    async def get_tags(
        self, list_tags: NamedDependency[ListTags], limit: Limit = DEFAULT_TAGS
    ) -> TagsResponse:
        return TagsResponse(await list_tags.execute(limit))
