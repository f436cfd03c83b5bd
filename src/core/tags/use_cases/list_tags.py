"""List the tags in use, most used first."""

from core.shared.errors import InvalidInput
from core.tags.ports import TagQueries

DEFAULT_TAGS = 100
MAX_TAGS = 500


class ListTags:
    """Raises InvalidInput for a limit outside 1..MAX_TAGS."""

    def __init__(self, *, queries: TagQueries) -> None:
        self._queries = queries

    async def execute(self, limit: int = DEFAULT_TAGS) -> list[str]:
        if not 1 <= limit <= MAX_TAGS:
            raise InvalidInput({"limit": [f"must be between 1 and {MAX_TAGS}"]})
        return await self._queries.most_used(limit)
