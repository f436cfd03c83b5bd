"""The viewer's `favorited` and `following` on the articles of an answer, in one ViewerRelations call."""

import dataclasses
from collections.abc import Sequence
from typing import TypeVar

from core.articles.views import ArticleSummary
from core.shared.relations import ViewerRelations, following
from core.shared.text import canonical

A = TypeVar("A", bound=ArticleSummary)


async def with_viewer_flags(
    relations: ViewerRelations, viewer_id: int | None, articles: Sequence[A]
) -> list[A]:
    """The articles as this viewer sees them (unchanged for anonymous viewers)."""
    if viewer_id is None or not articles:
        return list(articles)
    flags = await relations.flags(
        viewer_id, {a.slug for a in articles}, {canonical(a.author.username) for a in articles}
    )
    if not flags.favorited and not flags.followed:
        return list(articles)  # impersonal views hold False for both already
    authors = {a.author.username: following(a.author, flags) for a in articles}  # once per author
    return [
        dataclasses.replace(a, favorited=a.slug in flags.favorited, author=authors[a.author.username])
        if a.slug in flags.favorited or authors[a.author.username] is not a.author
        else a
        for a in articles
    ]
