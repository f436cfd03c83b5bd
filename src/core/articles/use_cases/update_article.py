"""Edit an article (author only)."""

import secrets
from dataclasses import dataclass

from core.articles.domain import Body, Description, TagList, Title
from core.articles.errors import ArticleNotFound
from core.articles.ports import ArticleQueries, ArticlesUnitOfWork
from core.articles.use_cases.article_view import article_view
from core.articles.use_cases.create_article import SLUG_ATTEMPTS
from core.articles.views import ArticleView
from core.shared.clock import Clock
from core.shared.errors import AlreadyExists, Unavailable
from core.shared.relations import ViewerRelations
from core.shared.text import slugify
from core.shared.validation import Violations


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateArticleCommand:
    """None leaves a field unchanged. A new title gives a new slug."""

    slug: str
    user_id: int
    title: str | None = None
    description: str | None = None
    body: str | None = None
    tags: list[str] | None = None


class UpdateArticle:
    """Raises ArticleNotFound, NotArticleAuthor (403), InvalidInput."""

    def __init__(
        self,
        *,
        uow: ArticlesUnitOfWork,
        queries: ArticleQueries,
        relations: ViewerRelations,
        clock: Clock,
    ) -> None:
        self._uow, self._queries, self._relations, self._clock = uow, queries, relations, clock

    async def execute(self, command: UpdateArticleCommand) -> ArticleView:
        v = Violations()
        title = v.check(lambda: Title(command.title)) if command.title is not None else None
        description = (
            v.check(lambda: Description(command.description)) if command.description is not None else None
        )
        body = v.check(lambda: Body(command.body)) if command.body is not None else None
        tags = v.check(lambda: TagList(tuple(command.tags))) if command.tags is not None else None
        v.raise_if_any()

        for attempt in range(SLUG_ATTEMPTS):
            try:
                async with self._uow as uow:
                    article = await uow.articles.get_by_slug(command.slug)
                    if article is None:
                        raise ArticleNotFound
                    article.ensure_editable_by(command.user_id)
                    if title is not None and title.value != article.title:
                        base = slugify(title.value)
                        article.slug = base if attempt == 0 else f"{base}-{secrets.token_hex(3)}"
                        if article.slug != command.slug and await uow.articles.slug_taken(article.slug):
                            continue
                    article.edit(
                        title=title, description=description, body=body, tags=tags, now=self._clock.now()
                    )
                    await uow.articles.save(article)
                    await uow.commit()
            except AlreadyExists:  # the new slug was taken concurrently
                continue
            return await article_view(self._queries, self._relations, article.slug, command.user_id)
        raise Unavailable("could not find a free slug for this title, try again")
