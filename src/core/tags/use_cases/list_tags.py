"""List the tags in use."""

from core.tags.ports import TagQueries


class ListTags:
    def __init__(self, *, queries: TagQueries) -> None:
        self._queries = queries

    async def execute(self) -> list[str]:
        return await self._queries.tags_in_use()
