"""Publish an article."""

import secrets
from dataclasses import dataclass, field

from core.articles.domain import Body, Description, NewArticle, TagList, Title
from core.articles.ports import ArticlesUnitOfWork, Published
from core.articles.views import ArticleView
from core.shared.clock import Clock
from core.shared.errors import AlreadyExists, Unavailable
from core.shared.text import slugify
from core.shared.validation import Violations

SLUG_ATTEMPTS = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateArticleCommand:
    author_id: int
    title: str
    description: str
    body: str
    tags: list[str] = field(default_factory=list)


class CreateArticle:
    """Store a new article under a unique slug made from its title and return it.

    When the slug is taken (even by a concurrent writer) a short random suffix is added.
    The answer is what was stored, as every reader sees it: nothing is read back.
    Raises InvalidInput.
    """

    def __init__(self, *, uow: ArticlesUnitOfWork, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    async def execute(self, command: CreateArticleCommand) -> ArticleView:
        v = Violations()
        title = v.check(lambda: Title(command.title))
        description = v.check(lambda: Description(command.description))
        body = v.check(lambda: Body(command.body))
        tags = v.check(lambda: TagList(tuple(command.tags)))
        v.raise_if_any()
        assert title and description and body and tags is not None  # noqa: S101 (narrowing)

        base = slugify(title.value)
        for attempt in range(SLUG_ATTEMPTS):
            slug = base if attempt == 0 else f"{base}-{secrets.token_hex(3)}"
            article = NewArticle(
                slug=slug,
                title=title,
                description=description,
                body=body,
                tags=tags,
                author_id=command.author_id,
                created_at=self._clock.now(),
            )
            try:
                async with self._uow as uow:
                    if await uow.articles.slug_taken(slug):
                        continue
                    published = await uow.articles.add(article)
                    await uow.commit()
            except AlreadyExists:  # a concurrent writer took the slug between check and commit
                continue
            return _view_of(published)
        raise Unavailable("could not find a free slug for this title, try again")


def _view_of(published: Published) -> ArticleView:
    """Nobody has favorited it yet, and nobody follows themselves: no viewer flag to look up."""
    article = published.article
    return ArticleView(
        slug=article.slug,
        title=article.title,
        description=article.description,
        body=article.body,
        tag_list=sorted(article.tags),
        created_at=article.created_at,
        updated_at=article.updated_at,
        favorited=False,
        favorites_count=0,
        author=published.author,
    )
