"""AddComment with in-memory fakes."""

import pytest

from core.comments import AddCommentCommand
from core.comments.domain import BODY_MAX
from core.comments.errors import ArticleNotFound
from core.shared.errors import InvalidInput, NotFound
from tests.fakes.world import Tables
from tests.unit.core.comments.conftest import CommentsWorld


async def test_a_comment_is_stored_and_returned_with_its_author(world: CommentsWorld) -> None:
    jake, anna = world.db.add_user("jake"), world.db.add_user("anna", bio="reader")
    slug = await world.article(jake, "Dragons")
    view = await world.comment(slug, anna, body="  Great read!\nThanks ")
    assert view.body == "Great read!\nThanks"
    assert view.created_at == view.updated_at == world.clock.now()
    assert (view.author.username, view.author.bio, view.author.following) == ("anna", "reader", False)
    stored = world.db.tables.comments[view.id]
    assert (stored.article_id, stored.author_id, stored.body) == (
        next(iter(world.db.tables.articles)),
        anna,
        "Great read!\nThanks",
    )


@pytest.mark.parametrize("body", ["", "   ", "x" * (BODY_MAX + 1), "beep\x07"])
async def test_a_broken_body_is_invalid_and_nothing_is_stored(world: CommentsWorld, body: str) -> None:
    jake = world.db.add_user("jake")
    slug = await world.article(jake, "Dragons")
    with pytest.raises(InvalidInput) as caught:
        await world.add().execute(AddCommentCommand(slug=slug, author_id=jake, body=body))
    assert list(caught.value.fields) == ["body"]
    assert world.db.tables.comments == {}


async def test_commenting_on_an_unknown_article_is_not_found(world: CommentsWorld) -> None:
    jake = world.db.add_user("jake")
    with pytest.raises(ArticleNotFound):
        await world.add().execute(AddCommentCommand(slug="nope", author_id=jake, body="Hi"))
    assert world.db.tables.comments == {}
    assert world.db.commits == 0


async def test_an_article_deleted_meanwhile_fails_the_comment(world: CommentsWorld) -> None:
    jake = world.db.add_user("jake")
    slug = await world.article(jake, "Dragons")

    def article_deleted_first(pending: Tables) -> None:
        world.db.tables.articles.clear()

    world.db.on_commit = article_deleted_first
    with pytest.raises(NotFound):
        await world.add().execute(AddCommentCommand(slug=slug, author_id=jake, body="Hi"))
    assert world.db.tables.comments == {}
