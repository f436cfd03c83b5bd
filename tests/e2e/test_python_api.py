"""The scripting API drives the same use cases without HTTP; the example script runs as documented."""

import pytest

from core.shared.errors import AlreadyExists, NotAuthenticated, NotFound, PermissionDenied
from entrypoints.python_api import Conduit, SyncConduit
from tests.conftest import CHEAP_HASHING, TEST_SECRET


async def test_async_facade_round_trip(database_url: str, tmp_path) -> None:
    async with Conduit.open(
        database_url, data_dir=str(tmp_path), secret_key=TEST_SECRET, **CHEAP_HASHING
    ) as conduit:
        registered = await conduit.register_user(
            username="jake", email="jake@example.com", password="correct horse"
        )
        with pytest.raises(AlreadyExists):
            await conduit.register_user(username="jake", email="other@example.com", password="correct horse")
        session = await conduit.log_in(email="jake@example.com", password="correct horse")
        current = await conduit.authenticate(session.token)
        assert current.username == registered.user.username == "jake"
        updated = await conduit.update_user(current.id, bio="hello")
        assert updated.user.bio == "hello"
        with pytest.raises(NotAuthenticated):
            await conduit.log_in(email="jake@example.com", password="wrong password")


async def test_publishing_through_the_facade(database_url: str, tmp_path) -> None:
    async with Conduit.open(
        database_url, data_dir=str(tmp_path), secret_key=TEST_SECRET, **CHEAP_HASHING
    ) as conduit:
        jake = await conduit.authenticate(
            (
                await conduit.register_user(
                    username="jake", email="jake@example.com", password="correct horse"
                )
            ).token
        )
        anna = await conduit.authenticate(
            (
                await conduit.register_user(
                    username="anna", email="anna@example.com", password="correct horse"
                )
            ).token
        )
        article = await conduit.create_article(
            author_id=jake.id, title="Hello", description="d", body="b", tags=["z", "a"]
        )
        assert article.slug == "hello" and article.tag_list == ["a", "z"]
        await conduit.follow("jake", user_id=anna.id)
        assert (await conduit.favorite("hello", user_id=anna.id)).favorites_count == 1
        assert (await conduit.feed(user_id=anna.id)).total == 1
        assert (await conduit.list_articles(tag="a", viewer_id=anna.id)).articles[0].favorited is True
        comment = await conduit.add_comment("hello", author_id=anna.id, body="nice")
        assert [c.body for c in await conduit.list_comments("hello")] == ["nice"]
        with pytest.raises(PermissionDenied):
            await conduit.delete_comment("hello", comment.id, actor=jake.actor())
        edited = await conduit.update_article("hello", user_id=jake.id, title="Hello again")
        assert edited.slug == "hello-again"
        assert await conduit.list_tags() == ["a", "z"]
        await conduit.delete_article("hello-again", actor=jake.actor())
        with pytest.raises(NotFound):
            await conduit.get_article("hello-again")


def test_sync_facade_migrates_a_new_database(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    with SyncConduit.open(url, migrate=True, data_dir=str(tmp_path), **CHEAP_HASHING) as conduit:
        conduit.register_user(username="anna", email="anna@example.com", password="correct horse")
        users = conduit.list_users()
    assert not users.has_next and [u.username for u in users.items] == ["anna"]


async def test_scripts_create_accounts_with_a_role_audited_as_the_operator(
    database_url: str, tmp_path
) -> None:
    async with Conduit.open(database_url, data_dir=str(tmp_path), **CHEAP_HASHING) as conduit:
        created = await conduit.create_user(
            username="mod", email="mod@example.com", password="correct horse", role="moderator"
        )
        await conduit.register_user(username="self", email="self@example.com", password="correct horse")
        entries = (await conduit.audit_log()).items
    assert created.role == "moderator" and len(entries) == 1  # signing oneself up is not audited
    assert (entries[0].action, entries[0].target, entries[0].reason) == (
        "user.create",
        "user:mod",
        "role moderator",
    )
    assert entries[0].actor.startswith("script:")
