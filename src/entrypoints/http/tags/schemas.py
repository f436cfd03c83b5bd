"""The response body of GET /api/tags."""

import msgspec


class TagsResponse(msgspec.Struct):
    tags: list[str]
