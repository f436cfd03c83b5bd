"""UpdateArticle with in-memory fakes."""

import re

import pytest

from core.articles import UpdateArticleCommand
from core.articles.errors import ArticleNotFound, NotArticleAuthor
from core.articles.views import ArticleView
from core.shared.errors import InvalidInput, PermissionDenied
from tests.fakes.world import Tables
from tests.unit.core.articles.conftest import ArticlesWorld

SLUG = "how-to-train-your-dragon"


async def test_a_new_title_gives_a_new_slug_and_the_old_one_is_gone(world: ArticlesWorld) -> None:
    jake = world.db.add_user("jake")
    await world.publish(jake)
    view = await world.update().execute(
        UpdateArticleCommand(slug=SLUG, user_id=jake, title="Did you train it?")
    )
    assert (view.slug, view.title) == ("did-you-train-it", "Did you train it?")
    assert (await world.get().execute("did-you-train-it", None)).title == "Did you train it?"
    with pytest.raises(ArticleNotFound):
        await world.get().execute(SLUG, None)


def _fields(view: ArticleView) -> dict[str, object]:
    return {
        "slug": view.slug,
        "title": view.title,
        "description": view.description,
        "body": view.body,
        "tag_list": view.tag_list,
    }


@pytest.mark.parametrize(
    ("change", "value"), [("description", "New description"), ("body", "New body"), ("tags", ["new"])]
)
async def test_fields_left_as_none_are_unchanged(world: ArticlesWorld, change: str, value: object) -> None:
    jake = world.db.add_user("jake")
    before = await world.publish(jake, tags=("dragons",))
    world.clock.advance(hours=1)
    after = await world.update().execute(UpdateArticleCommand(slug=SLUG, user_id=jake, **{change: value}))
    expected = _fields(before) | {"tag_list" if change == "tags" else change: value}
    assert _fields(after) == expected
    assert after.created_at == before.created_at
    assert after.updated_at == world.clock.now() != before.updated_at


@pytest.mark.parametrize(("new_tags", "expected"), [(["b", " c ", "b"], ["b", "c"]), ([], [])])
async def test_given_tags_replace_the_old_ones(
    world: ArticlesWorld, new_tags: list[str], expected: list[str]
) -> None:
    jake = world.db.add_user("jake")
    await world.publish(jake, tags=("a", "b"))
    view = await world.update().execute(UpdateArticleCommand(slug=SLUG, user_id=jake, tags=new_tags))
    assert view.tag_list == expected
    assert list(next(iter(world.db.tables.articles.values())).tags) == expected


async def test_resending_the_same_title_keeps_the_slug(world: ArticlesWorld) -> None:
    jake = world.db.add_user("jake")
    await world.publish(jake)
    view = await world.update().execute(
        UpdateArticleCommand(slug=SLUG, user_id=jake, title="How to train your dragon", body="b")
    )
    assert view.slug == SLUG


async def test_a_new_title_whose_slug_is_taken_gets_a_suffix(world: ArticlesWorld) -> None:
    jake = world.db.add_user("jake")
    await world.publish(jake, title="First")
    await world.publish(jake, title="Second")
    view = await world.update().execute(UpdateArticleCommand(slug="second", user_id=jake, title="First"))
    assert re.fullmatch(r"first-[0-9a-f]{6}", view.slug)
    assert sorted(a.slug for a in world.db.tables.articles.values()) == sorted(["first", view.slug])


async def test_a_slug_taken_concurrently_at_commit_is_retried_with_a_suffix(world: ArticlesWorld) -> None:
    jake = world.db.add_user("jake")
    await world.publish(jake, title="First")
    await world.publish(jake, title="Second")
    second_id = next(a.id for a in world.db.tables.articles.values() if a.slug == "second")

    def second_is_renamed_meanwhile(pending: Tables) -> None:
        world.db.on_commit = None
        world.db.tables.articles[second_id].slug = "third"

    world.db.on_commit = second_is_renamed_meanwhile
    view = await world.update().execute(UpdateArticleCommand(slug="first", user_id=jake, title="Third"))
    assert re.fullmatch(r"third-[0-9a-f]{6}", view.slug)
    assert view.title == "Third"
    assert sorted(a.slug for a in world.db.tables.articles.values()) == sorted(["third", view.slug])


async def test_only_the_author_may_update(world: ArticlesWorld) -> None:
    jake, anna = world.db.add_user("jake"), world.db.add_user("anna")
    await world.publish(jake)
    with pytest.raises(NotArticleAuthor) as caught:
        await world.update().execute(UpdateArticleCommand(slug=SLUG, user_id=anna, title="Mine now"))
    assert isinstance(caught.value, PermissionDenied)
    assert [a.title for a in world.db.tables.articles.values()] == ["How to train your dragon"]


async def test_updating_an_unknown_article_is_not_found(world: ArticlesWorld) -> None:
    jake = world.db.add_user("jake")
    with pytest.raises(ArticleNotFound):
        await world.update().execute(UpdateArticleCommand(slug="nope", user_id=jake, body="b"))


async def test_every_broken_field_is_reported_and_nothing_changes(world: ArticlesWorld) -> None:
    jake = world.db.add_user("jake")
    await world.publish(jake)
    commits = world.db.commits
    with pytest.raises(InvalidInput) as caught:
        await world.update().execute(
            UpdateArticleCommand(
                slug=SLUG, user_id=jake, title="", description="fine", body="  ", tags=["x" * 51]
            )
        )
    assert set(caught.value.fields) == {"title", "body", "tagList"}
    assert world.db.commits == commits
    assert next(iter(world.db.tables.articles.values())).description == "Ever wonder how?"


async def test_favorites_survive_an_update(world: ArticlesWorld) -> None:
    jake, anna = world.db.add_user("jake"), world.db.add_user("anna")
    await world.publish(jake)
    await world.favorite().execute(SLUG, anna)
    view = await world.update().execute(UpdateArticleCommand(slug=SLUG, user_id=jake, title="Renamed"))
    assert (view.favorites_count, view.favorited) == (1, False)
