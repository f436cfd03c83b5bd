"""DeleteArticle with in-memory fakes: authors delete their own, moderators any (audited)."""

import pytest

from core.articles.errors import ArticleNotFound, NotArticleAuthor
from core.comments.domain import Comment
from core.shared.actor import Actor, Role
from core.shared.audit import AuditEntry
from core.shared.errors import PermissionDenied
from tests.unit.core.articles.conftest import ArticlesWorld

SLUG = "how-to-train-your-dragon"


def _comment_on(world: ArticlesWorld, article_id: int, author_id: int) -> None:
    now = world.clock.now()
    comment_id = world.db.new_id("comments")
    world.db.tables.comments[comment_id] = Comment(
        id=comment_id, article_id=article_id, author_id=author_id, body="Nice", created_at=now, updated_at=now
    )


async def test_the_author_deletes_the_article_with_its_comments_and_favorites(world: ArticlesWorld) -> None:
    jake, anna = world.db.add_user("jake"), world.db.add_user("anna")
    await world.publish(jake)
    await world.publish(jake, title="Keep me")
    doomed, kept = sorted(world.db.tables.articles)
    for article_id in (doomed, kept):
        await world.favorite().execute(world.db.tables.articles[article_id].slug, anna)
        _comment_on(world, article_id, anna)
    await world.delete().execute(SLUG, Actor(user_id=jake, name="jake"))
    with pytest.raises(ArticleNotFound):
        await world.get().execute(SLUG, None)
    assert list(world.db.tables.articles) == [kept]
    assert world.db.tables.favorites == {(anna, kept)}
    assert [c.article_id for c in world.db.tables.comments.values()] == [kept]
    assert world.db.tables.audit == []  # authors deleting their own work are not audited


@pytest.mark.parametrize("role", [Role.USER, Role.MODERATOR, Role.ADMIN])
async def test_an_author_deleting_their_own_article_is_never_audited(
    world: ArticlesWorld, role: Role
) -> None:
    jake = world.db.add_user("jake")
    await world.publish(jake)
    await world.delete().execute(SLUG, Actor(user_id=jake, name="jake", role=role), reason="tidy up")
    assert world.db.tables.articles == {}
    assert world.db.tables.audit == []


async def test_a_plain_user_may_not_delete_someone_elses_article(world: ArticlesWorld) -> None:
    jake, anna = world.db.add_user("jake"), world.db.add_user("anna")
    await world.publish(jake)
    with pytest.raises(NotArticleAuthor) as caught:
        await world.delete().execute(SLUG, Actor(user_id=anna, name="anna"), reason="spam")
    assert isinstance(caught.value, PermissionDenied)
    assert (await world.get().execute(SLUG, None)).slug == SLUG
    assert world.db.tables.audit == []
    assert world.db.commits == 1  # only the publication


@pytest.mark.parametrize(
    ("actor", "reason", "recorded"),
    [
        (Actor(user_id=2, name="mia", role=Role.MODERATOR), "spam", "spam"),
        (Actor(user_id=2, name="ada", role=Role.ADMIN), "", "moderation"),
        (Actor.operator("ops@host"), "legal request", "legal request"),
    ],
)
async def test_moderators_admins_and_operators_delete_any_article_with_an_audit_entry(
    world: ArticlesWorld, actor: Actor, reason: str, recorded: str
) -> None:
    jake = world.db.add_user("jake")
    world.db.add_user(actor.name)
    await world.publish(jake)
    await world.delete().execute(SLUG, actor, reason=reason)
    assert world.db.tables.articles == {}
    assert world.db.tables.audit == [
        AuditEntry(
            actor=actor.name,
            action="article.delete",
            target=f"article:{SLUG}",
            reason=recorded,
            at=world.clock.now(),
        )
    ]


async def test_deleting_an_unknown_article_is_not_found_and_not_audited(world: ArticlesWorld) -> None:
    jake = world.db.add_user("jake")
    await world.publish(jake)
    with pytest.raises(ArticleNotFound):
        await world.delete().execute("no-such-article", Actor.operator("ops"))
    assert len(world.db.tables.articles) == 1
    assert world.db.tables.audit == []


async def test_a_delete_that_loses_a_race_is_not_found_and_audits_nothing(
    world: ArticlesWorld, monkeypatch
) -> None:
    """A concurrent delete committed between our read and our delete: the database deletes nothing."""
    from tests.fakes.articles import InMemoryArticleRepository

    await world.publish(world.db.add_user("jake"))

    async def already_gone(self, article_id: int) -> bool:
        return False

    monkeypatch.setattr(InMemoryArticleRepository, "delete", already_gone)
    with pytest.raises(ArticleNotFound):
        await world.delete().execute(SLUG, Actor(user_id=2, name="mia", role=Role.MODERATOR), reason="spam")
    assert world.db.tables.audit == []
