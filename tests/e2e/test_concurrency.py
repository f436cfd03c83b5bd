"""Races through HTTP: many requests at once never give a 500 and keep every count exact.

Runs on both databases; PostgreSQL gives true parallelism through its connection pool.
"""

import asyncio
import contextlib

from core.shared.errors import NotFound
from entrypoints.python_api import Conduit
from tests.conftest import CHEAP_HASHING, TEST_SECRET
from tests.e2e.conftest import Api


async def _users(api: Api, count: int) -> list[dict]:
    return [await api.register(f"user{n}") for n in range(count)]


async def test_many_users_favoriting_at_once_give_the_exact_count(api: Api) -> None:
    users = await _users(api, 12)
    slug = (await api.create_article(users[0]["token"]))["slug"]
    responses = await asyncio.gather(
        *(api.client.post(f"/api/articles/{slug}/favorite", headers=api.auth(u["token"])) for u in users)
    )
    assert [r.status_code for r in responses] == [200] * len(users)
    assert (await api.get(f"/api/articles/{slug}"))["article"]["favoritesCount"] == len(users)


async def test_the_same_user_favoriting_many_times_at_once_counts_once(api: Api) -> None:
    jake = await api.register("jake")
    slug = (await api.create_article(jake["token"]))["slug"]
    responses = await asyncio.gather(
        *(
            api.client.post(f"/api/articles/{slug}/favorite", headers=api.auth(jake["token"]))
            for _ in range(10)
        )
    )
    assert {r.status_code for r in responses} == {200}
    assert (await api.get(f"/api/articles/{slug}", jake["token"]))["article"]["favoritesCount"] == 1


async def test_concurrent_follows_are_idempotent(api: Api) -> None:
    await api.register("jake")
    anna = await api.register("anna")
    responses = await asyncio.gather(
        *(api.client.post("/api/profiles/jake/follow", headers=api.auth(anna["token"])) for _ in range(10))
    )
    assert {r.status_code for r in responses} == {200}
    assert (await api.get("/api/profiles/jake", anna["token"]))["profile"]["following"] is True


async def test_concurrent_same_title_creates_all_succeed_with_distinct_slugs(api: Api) -> None:
    jake = await api.register("jake")
    article = {"article": {"title": "Breaking news", "description": "d", "body": "b"}}
    responses = await asyncio.gather(
        *(api.client.post("/api/articles", json=article, headers=api.auth(jake["token"])) for _ in range(10))
    )
    assert [r.status_code for r in responses] == [201] * 10
    slugs = {r.json()["article"]["slug"] for r in responses}
    assert len(slugs) == 10
    assert (await api.get("/api/articles"))["articlesCount"] == 10


async def test_concurrent_registrations_of_one_name_give_one_account_and_422s(api: Api) -> None:
    body = {"user": {"username": "jake", "email": "jake@example.com", "password": "wooden-spoon-88"}}
    responses = await asyncio.gather(*(api.client.post("/api/users", json=body) for _ in range(8)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [422] * 7
    assert all("has already been taken" in str(r.json()) for r in responses if r.status_code == 422)


async def test_parallel_moderator_deletes_happen_once_with_one_audit_row(api: Api, settings) -> None:
    from entrypoints.python_api import Conduit
    from tests.conftest import CHEAP_HASHING, TEST_SECRET

    async def as_operator(action):
        async with Conduit.open(
            settings.database_url, data_dir=settings.data_dir, secret_key=TEST_SECRET, **CHEAP_HASHING
        ) as conduit:
            return await action(conduit)

    jake, mod = await api.register("jake"), await api.register("mod")
    await as_operator(lambda c: c.set_role("mod", "moderator"))
    slug = (await api.create_article(jake["token"]))["slug"]
    comment = await api.client.post(
        f"/api/articles/{slug}/comments", json={"comment": {"body": "hi"}}, headers=api.auth(jake["token"])
    )
    comment_path = f"/api/articles/{slug}/comments/{comment.json()['comment']['id']}"
    for path in (comment_path, f"/api/articles/{slug}"):
        answers = await asyncio.gather(
            *(api.client.delete(path, headers=api.auth(mod["token"])) for _ in range(10))
        )
        statuses = sorted(answer.status_code for answer in answers)
        assert statuses == [204] + [404] * 9, statuses
    entries = (await as_operator(lambda c: c.audit_log())).items
    assert sorted(e.action for e in entries if e.actor == "mod") == ["article.delete", "comment.delete"]


async def test_mixed_concurrent_writes_keep_every_maintained_count_exact(database_url: str, tmp_path) -> None:
    """Favorites, unfavorites, publishing, tag edits and deletions of articles and of a user, all at
    once: afterwards a recount from the base rows finds nothing to fix."""
    async with Conduit.open(
        database_url, data_dir=str(tmp_path), secret_key=TEST_SECRET, **CHEAP_HASHING
    ) as conduit:
        ids = []
        for n in range(8):
            token = (
                await conduit.register_user(username=f"u{n}", email=f"u{n}@x.io", password="pw-123456")
            ).token
            ids.append((await conduit.authenticate(token)).id)
        slugs = [
            (
                await conduit.create_article(
                    author_id=ids[n % 4],
                    title=f"A{n}",
                    description="d",
                    body="b",
                    tags=["common", f"t{n % 3}"],
                )
            ).slug
            for n in range(8)
        ]
        for user_id in ids:  # everyone favorites half of them
            for slug in slugs[::2]:
                await conduit.favorite(slug, user_id=user_id)

        async def settle(operation) -> None:
            with contextlib.suppress(NotFound):  # the article or its author was deleted concurrently
                await operation

        writes = [
            *(conduit.favorite(slug, user_id=user_id) for user_id in ids for slug in slugs[1::2]),
            *(conduit.unfavorite(slug, user_id=user_id) for user_id in ids[::2] for slug in slugs[::2]),
            *(conduit.favorite(slugs[0], user_id=ids[5]) for _ in range(4)),  # repeats count once
            *(
                conduit.create_article(
                    author_id=ids[n],
                    title=f"New {n}",
                    description="d",
                    body="b",
                    tags=["common", "fresh", f"t{n % 3}"],
                )
                for n in range(6)
            ),
            *(conduit.update_article(slugs[n], user_id=ids[n % 4], tags=["fresh", "edited"]) for n in (2, 3)),
            conduit.delete_article(slugs[1]),
            conduit.delete_article(slugs[4]),
            conduit.delete_user("u3"),
        ]
        await asyncio.gather(*(settle(write) for write in writes))
        report = await conduit.recount(fix=False)
        assert report.drift == dict.fromkeys(report.drift, 0)
        # 8 + 6 published, 2 deleted, and u3's three (A3, A7, New 3) gone with u3.
        assert (await conduit.list_articles()).total == 9
