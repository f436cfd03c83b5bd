"""CreateArticle with in-memory fakes."""

import re
from typing import Any

import pytest

from core.articles import CreateArticleCommand
from core.articles.domain import Article
from core.articles.use_cases.create_article import SLUG_ATTEMPTS
from core.shared.errors import InvalidInput, Unavailable
from tests.fakes.world import Tables
from tests.unit.core.articles.conftest import ArticlesWorld


def _command(author_id: int, title: str = "How to train your dragon", **changes: Any) -> CreateArticleCommand:
    fields: dict[str, Any] = {"description": "Ever wonder how?", "body": "You have to believe", "tags": []}
    return CreateArticleCommand(author_id=author_id, title=title, **(fields | changes))


def _commit_first(world: ArticlesWorld, author_id: int, slug: str) -> None:
    """Another transaction stores an article under `slug` and commits it."""
    now = world.clock.now()
    row = Article(
        id=world.db.new_id("articles"),
        slug=slug,
        title="Theirs",
        description="d",
        body="b",
        tags=(),
        author_id=author_id,
        created_at=now,
        updated_at=now,
    )
    world.db.tables.articles[row.id] = row


async def test_create_stores_the_article_and_returns_it_as_its_author_sees_it(world: ArticlesWorld) -> None:
    jake = world.db.add_user("jake", bio="I work at statefarm")
    view = await world.create().execute(
        _command(
            jake, title="  How to train your dragon ", body=" It takes a Jacobian\n", tags=["zoo", "art"]
        )
    )
    assert (view.slug, view.title, view.body) == (
        "how-to-train-your-dragon",
        "How to train your dragon",
        "It takes a Jacobian",
    )
    assert view.tag_list == ["art", "zoo"]
    assert view.created_at == view.updated_at == world.clock.now()
    assert (view.favorited, view.favorites_count) == (False, 0)
    assert (view.author.username, view.author.bio, view.author.following) == (
        "jake",
        "I work at statefarm",
        False,
    )
    [stored] = world.db.tables.articles.values()
    assert (stored.slug, stored.author_id, stored.tags) == (view.slug, jake, ("zoo", "art"))


async def test_every_broken_field_is_reported_and_nothing_is_stored(world: ArticlesWorld) -> None:
    jake = world.db.add_user("jake")
    with pytest.raises(InvalidInput) as caught:
        await world.create().execute(_command(jake, title=" ", description="", body="\x00", tags=["x" * 51]))
    assert set(caught.value.fields) == {"title", "description", "body", "tagList"}
    assert world.db.tables.articles == {}
    assert world.db.commits == 0


async def test_unicode_titles_keep_their_letters_in_the_slug(world: ArticlesWorld) -> None:
    jake = world.db.add_user("jake")
    assert (await world.create().execute(_command(jake, title="Ça va, 世界!"))).slug == "ça-va-世界"
    assert (await world.create().execute(_command(jake, title="?!"))).slug == "article"


async def test_the_same_title_twice_gets_a_different_slug(world: ArticlesWorld) -> None:
    jake = world.db.add_user("jake")
    first = await world.create().execute(_command(jake))
    second = await world.create().execute(_command(jake))
    assert first.slug == "how-to-train-your-dragon"
    assert re.fullmatch(r"how-to-train-your-dragon-[0-9a-f]{6}", second.slug)
    assert sorted(a.slug for a in world.db.tables.articles.values()) == sorted([first.slug, second.slug])


async def test_a_slug_taken_by_a_concurrent_writer_at_commit_is_retried_with_a_suffix(
    world: ArticlesWorld,
) -> None:
    jake, anna = world.db.add_user("jake"), world.db.add_user("anna")

    def anna_commits_first(pending: Tables) -> None:
        world.db.on_commit = None
        _commit_first(world, anna, "how-to-train-your-dragon")

    world.db.on_commit = anna_commits_first
    view = await world.create().execute(_command(jake))
    assert re.fullmatch(r"how-to-train-your-dragon-[0-9a-f]{6}", view.slug)
    slugs = {a.author_id: a.slug for a in world.db.tables.articles.values()}
    assert slugs == {anna: "how-to-train-your-dragon", jake: view.slug}


async def test_when_every_slug_attempt_is_taken_the_use_case_gives_up_unavailable(
    world: ArticlesWorld,
) -> None:
    jake, anna = world.db.add_user("jake"), world.db.add_user("anna")

    def anna_takes_every_new_slug(pending: Tables) -> None:
        for article in list(pending.articles.values()):
            if article.id not in world.db.tables.articles:
                _commit_first(world, anna, article.slug)

    world.db.on_commit = anna_takes_every_new_slug
    with pytest.raises(Unavailable):
        await world.create().execute(_command(jake))
    assert {a.author_id for a in world.db.tables.articles.values()} == {anna}
    assert len(world.db.tables.articles) == SLUG_ATTEMPTS
