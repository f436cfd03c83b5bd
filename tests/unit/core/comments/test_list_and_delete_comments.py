"""ListComments and DeleteComment with in-memory fakes."""

import pytest

from core.comments.errors import ArticleNotFound, CommentNotFound, NotCommentAuthor
from core.shared.actor import Actor, Role
from core.shared.audit import AuditEntry
from core.shared.errors import PermissionDenied
from tests.unit.core.comments.conftest import CommentsWorld


async def test_comments_of_an_article_are_listed_newest_first(world: CommentsWorld) -> None:
    jake, anna = world.db.add_user("jake"), world.db.add_user("anna")
    dragons, other = await world.article(jake, "Dragons"), await world.article(jake, "Other")
    await world.comment(dragons, anna, "first")
    await world.comment(other, anna, "elsewhere")
    await world.comment(dragons, jake, "second")
    listed = await world.list().execute(dragons, None)
    assert [(c.body, c.author.username) for c in listed] == [("second", "jake"), ("first", "anna")]
    assert await world.list().execute(await world.article(jake, "Quiet"), None) == []


async def test_listed_authors_carry_the_viewers_following(world: CommentsWorld) -> None:
    jake, anna = world.db.add_user("jake"), world.db.add_user("anna")
    slug = await world.article(jake, "Dragons")
    await world.comment(slug, jake)
    world.db.tables.follows.add((anna, jake))
    assert [c.author.following for c in await world.list().execute(slug, anna)] == [True]
    assert [c.author.following for c in await world.list().execute(slug, None)] == [False]


async def test_listing_comments_of_an_unknown_article_is_not_found(world: CommentsWorld) -> None:
    with pytest.raises(ArticleNotFound):
        await world.list().execute("nope", None)


async def test_the_author_deletes_their_comment(world: CommentsWorld) -> None:
    jake, anna = world.db.add_user("jake"), world.db.add_user("anna")
    slug = await world.article(jake, "Dragons")
    doomed = await world.comment(slug, anna, "oops")
    kept = await world.comment(slug, anna, "keep")
    await world.delete().execute(slug, doomed.id, Actor(user_id=anna, name="anna"))
    assert [c.id for c in await world.list().execute(slug, None)] == [kept.id]
    assert world.db.tables.audit == []


async def test_a_moderator_deleting_their_own_comment_is_not_audited(world: CommentsWorld) -> None:
    mia = world.db.add_user("mia")
    slug = await world.article(mia, "Dragons")
    comment = await world.comment(slug, mia)
    await world.delete().execute(slug, comment.id, Actor(user_id=mia, name="mia", role=Role.MODERATOR))
    assert (world.db.tables.comments, world.db.tables.audit) == ({}, [])


@pytest.mark.parametrize("author_of", ["article", "nothing"])
async def test_only_the_comment_author_may_delete_it(world: CommentsWorld, author_of: str) -> None:
    jake, anna, bob = (world.db.add_user(name) for name in ("jake", "anna", "bob"))
    slug = await world.article(jake, "Dragons")
    comment = await world.comment(slug, anna)
    caller = Actor(user_id=jake, name="jake") if author_of == "article" else Actor(user_id=bob, name="bob")
    with pytest.raises(NotCommentAuthor) as caught:
        await world.delete().execute(slug, comment.id, caller, reason="rude")
    assert isinstance(caught.value, PermissionDenied)
    assert list(world.db.tables.comments) == [comment.id]
    assert world.db.tables.audit == []


@pytest.mark.parametrize(
    ("actor", "reason", "recorded"),
    [
        (Actor(user_id=99, name="mia", role=Role.MODERATOR), "rude", "rude"),
        (Actor(user_id=99, name="ada", role=Role.ADMIN), "", "moderation"),
        (Actor.operator("ops@host"), "", "moderation"),
    ],
)
async def test_moderators_delete_any_comment_with_an_audit_entry(
    world: CommentsWorld, actor: Actor, reason: str, recorded: str
) -> None:
    jake = world.db.add_user("jake")
    slug = await world.article(jake, "Dragons")
    comment = await world.comment(slug, jake)
    kept = await world.comment(slug, jake)
    await world.delete().execute(slug, comment.id, actor, reason=reason)
    assert list(world.db.tables.comments) == [kept.id]
    assert world.db.tables.audit == [
        AuditEntry(
            actor=actor.name,
            action="comment.delete",
            target=f"comment:{comment.id}",
            reason=recorded,
            at=world.clock.now(),
        )
    ]


async def test_an_unknown_comment_is_not_found(world: CommentsWorld) -> None:
    jake = world.db.add_user("jake")
    slug = await world.article(jake, "Dragons")
    comment = await world.comment(slug, jake)
    with pytest.raises(CommentNotFound):
        await world.delete().execute(slug, comment.id + 1, Actor(user_id=jake, name="jake"))
    assert list(world.db.tables.comments) == [comment.id]


async def test_a_comment_of_another_article_is_not_found_even_for_moderators(world: CommentsWorld) -> None:
    jake = world.db.add_user("jake")
    dragons, other = await world.article(jake, "Dragons"), await world.article(jake, "Other")
    comment = await world.comment(other, jake)
    for actor in (Actor(user_id=jake, name="jake"), Actor.operator("ops")):
        with pytest.raises(CommentNotFound):
            await world.delete().execute(dragons, comment.id, actor)
    assert list(world.db.tables.comments) == [comment.id]
    assert world.db.tables.audit == []


async def test_deleting_on_an_unknown_article_is_not_found(world: CommentsWorld) -> None:
    jake = world.db.add_user("jake")
    slug = await world.article(jake, "Dragons")
    comment = await world.comment(slug, jake)
    with pytest.raises(ArticleNotFound):
        await world.delete().execute("nope", comment.id, Actor(user_id=jake, name="jake"))
    assert list(world.db.tables.comments) == [comment.id]


async def test_a_delete_that_loses_a_race_is_not_found_and_audits_nothing(
    world: CommentsWorld, monkeypatch
) -> None:
    """A concurrent delete committed between our read and our delete: the database deletes nothing."""
    from tests.fakes.comments import InMemoryCommentRepository

    jake = world.db.add_user("jake")
    slug = await world.article(jake, "Dragons")
    comment = await world.comment(slug, jake)

    async def already_gone(self, comment_id: int) -> bool:
        return False

    monkeypatch.setattr(InMemoryCommentRepository, "delete", already_gone)
    moderator = Actor(user_id=99, name="mod", role=Role.MODERATOR)
    with pytest.raises(CommentNotFound):
        await world.delete().execute(slug, comment.id, moderator, reason="spam")
    assert world.db.tables.audit == []
