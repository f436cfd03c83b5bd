"""CommentRepository and CommentQueries: the same behaviour on every backend."""

import pytest

from core.comments.domain import CommentBody, NewComment
from core.shared.errors import NotFound
from tests.contract.conftest import Backend


async def test_comments_are_listed_newest_first_and_deleted(backend: Backend) -> None:
    jake, anna = await backend.add_user("jake"), await backend.add_user("anna")
    article = await backend.publish(jake, "Dragons")
    ids = []
    for author, body in ((jake, "first"), (anna, "second")):
        async with backend.comments() as uow:
            new = NewComment(
                article_id=article.id, author_id=author, body=CommentBody(body), created_at=backend.later()
            )
            added = await uow.comments.add(new)
            assert (added.body, added.author.username, added.author.following) == (
                body,
                "jake" if author == jake else "anna",
                False,
            )
            ids.append(added.id)
            await uow.commit()
    listed = await backend.comment_queries.for_article(article.id)
    assert [(c.body, c.author.username, c.author.following) for c in listed] == [
        ("second", "anna", False),
        ("first", "jake", False),
    ]
    one = await backend.comment_queries.get(ids[0])
    assert one is not None and one.body == "first"
    async with backend.comments() as uow:
        stored = await uow.comments.get(ids[0])
        assert stored is not None and stored.author_id == jake
        await uow.comments.delete(ids[0])
        await uow.commit()
    assert [c.body for c in await backend.comment_queries.for_article(article.id)] == ["second"]
    assert await backend.comment_queries.get(ids[0]) is None


async def test_an_articles_deletion_takes_its_comments(backend: Backend) -> None:
    jake = await backend.add_user("jake")
    article = await backend.publish(jake, "Dragons")
    async with backend.comments() as uow:
        new = NewComment(
            article_id=article.id, author_id=jake, body=CommentBody("hi"), created_at=backend.later()
        )
        comment = await uow.comments.add(new)
        await uow.commit()
    async with backend.articles() as uow:
        await uow.articles.delete(article.id)
        await uow.commit()
    assert await backend.comment_queries.get(comment.id) is None


async def test_a_comment_on_an_article_gone_meanwhile_is_not_found_and_not_stored(backend: Backend) -> None:
    """A slug's id read earlier (from a cache, or before a concurrent deletion) may name nothing."""
    jake = await backend.add_user("jake")
    article = await backend.publish(jake, "Dragons")
    async with backend.articles() as uow:
        await uow.articles.delete(article.id)
        await uow.commit()
    with pytest.raises(NotFound):
        async with backend.comments() as uow:
            new = NewComment(
                article_id=article.id, author_id=jake, body=CommentBody("hi"), created_at=backend.later()
            )
            await uow.comments.add(new)
            await uow.commit()
    assert await backend.comment_queries.for_article(article.id) == []
