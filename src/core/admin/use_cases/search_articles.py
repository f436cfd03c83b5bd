"""Moderators find articles by title, author and tag."""

from core.admin.ports import ArticleSearch, ContentQueries
from core.admin.views import ArticleRow
from core.shared.actor import Actor, Capability
from core.shared.errors import InvalidInput
from core.shared.pagination import PageRequest, Slice
from core.shared.text import canonical

MIN_TITLE = 3  # shorter parts match too much to help, and no index can answer them


class SearchArticles:
    """Newest first. Raises PermissionDenied, InvalidInput for a bad page or a title part of fewer
    than three characters."""

    def __init__(self, *, queries: ContentQueries) -> None:
        self._queries = queries

    async def execute(self, actor: Actor, search: ArticleSearch, page: PageRequest) -> Slice[ArticleRow]:
        actor.require(Capability.MODERATE)
        title = _blank_none(search.title)
        if title is not None and len(title) < MIN_TITLE:
            raise InvalidInput.of("title", f"needs at least {MIN_TITLE} characters")
        search = ArticleSearch(
            title=title,
            author=canonical(author) if (author := _blank_none(search.author)) else None,
            tag=_blank_none(search.tag),
        )
        return await self._queries.search_articles(search, page)


def _blank_none(text: str | None) -> str | None:
    return (text or "").strip() or None
