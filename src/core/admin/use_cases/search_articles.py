"""Moderators find articles by title, author and tag."""

from core.admin.ports import ArticleSearch, ContentQueries
from core.admin.views import ArticleRow
from core.shared.actor import Actor, Capability
from core.shared.pagination import PageRequest, Slice
from core.shared.text import canonical


class SearchArticles:
    """Newest first. Raises PermissionDenied, InvalidInput for a bad page."""

    def __init__(self, *, queries: ContentQueries) -> None:
        self._queries = queries

    async def execute(self, actor: Actor, search: ArticleSearch, page: PageRequest) -> Slice[ArticleRow]:
        actor.require(Capability.MODERATE)
        search = ArticleSearch(
            title=_blank_none(search.title),
            author=canonical(author) if (author := _blank_none(search.author)) else None,
            tag=_blank_none(search.tag),
        )
        return await self._queries.search_articles(search, page)


def _blank_none(text: str | None) -> str | None:
    return (text or "").strip() or None
