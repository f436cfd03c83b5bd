"""Caching through HTTP: every write is visible on the very next read, from any process; no viewer's
flags leak through a shared entry. Runs with the in-process cache and with Redis, on both databases."""

from collections.abc import AsyncIterator
from typing import Any

import msgspec
import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from adapters.cache.metrics import CACHE_READS
from adapters.persistence.engine import make_engine
from core.shared.actor import Actor, Role
from entrypoints.container import aclose, build_container
from entrypoints.http.app import create_app
from tests.e2e.conftest import Api, app_settings


@pytest.fixture(params=["memory", "redis"])
def cache_settings(request: pytest.FixtureRequest, database_url: str, tmp_path, cache_prefix: str):
    redis_url = request.getfixturevalue("redis_url") if request.param == "redis" else None
    return app_settings(database_url, tmp_path, redis_url=redis_url, cache_prefix=cache_prefix)


@pytest.fixture
async def cached(cache_settings) -> AsyncIterator[Api]:
    async with AsyncTestClient(app=create_app(build_container(cache_settings))) as client:
        yield Api(client)


async def read_twice(api: Api, path: str, token: str | None = None) -> Any:
    """The second read is served from the cache (when it is cacheable)."""
    first = await api.get(path, token)
    assert await api.get(path, token) == first
    return first


async def test_article_writes_are_visible_on_the_next_read(cached: Api) -> None:
    api = cached
    jake = await api.register("jake")
    await read_twice(api, "/api/articles")
    await read_twice(api, "/api/tags")

    created = await api.create_article(jake["token"], title="Dragons", tagList=["dragons"])  # create
    page = await read_twice(api, "/api/articles")
    assert page["articlesCount"] == 1 and page["articles"][0]["title"] == "Dragons"
    assert (await read_twice(api, "/api/tags"))["tags"] == ["dragons"]
    assert (await read_twice(api, "/api/articles/dragons"))["article"]["body"] == "Very carefully."

    changes = {"title": "Wyverns", "body": "New body", "tagList": ["wyverns"]}  # update
    response = await api.client.put(
        f"/api/articles/{created['slug']}", json={"article": changes}, headers=api.auth(jake["token"])
    )
    assert response.status_code == 200
    assert (await api.client.get("/api/articles/dragons")).status_code == 404
    assert (await read_twice(api, "/api/articles/wyverns"))["article"]["body"] == "New body"
    assert [a["title"] for a in (await read_twice(api, "/api/articles"))["articles"]] == ["Wyverns"]
    assert (await read_twice(api, "/api/tags"))["tags"] == ["wyverns"]
    assert (await read_twice(api, "/api/articles?tag=dragons"))["articlesCount"] == 0

    response = await api.client.delete("/api/articles/wyverns", headers=api.auth(jake["token"]))  # delete
    assert response.status_code == 204
    assert (await api.client.get("/api/articles/wyverns")).status_code == 404
    assert await api.get("/api/articles") == {"articles": [], "articlesCount": 0}
    assert (await api.get("/api/tags"))["tags"] == []


async def test_favorites_follows_and_comments_are_visible_on_the_next_read(cached: Api) -> None:
    api = cached
    jake, anna = await api.register("jake"), await api.register("anna")
    await api.create_article(jake["token"], title="Dragons")
    for token in (None, anna["token"]):
        await read_twice(api, "/api/articles/dragons", token)
        await read_twice(api, "/api/articles", token)
        await read_twice(api, "/api/profiles/jake", token)
    await read_twice(api, "/api/articles?favorited=anna")
    await read_twice(api, "/api/articles/dragons/comments")

    await api.client.post("/api/articles/dragons/favorite", headers=api.auth(anna["token"]))  # favorite
    mine = (await api.get("/api/articles/dragons", anna["token"]))["article"]
    assert (mine["favorited"], mine["favoritesCount"]) == (True, 1)
    assert (await api.get("/api/articles/dragons"))["article"]["favoritesCount"] == 1
    assert (await api.get("/api/articles", anna["token"]))["articles"][0]["favorited"] is True
    assert (await api.get("/api/articles?favorited=anna"))["articlesCount"] == 1

    await api.client.post("/api/profiles/jake/follow", headers=api.auth(anna["token"]))  # follow
    assert (await api.get("/api/profiles/jake", anna["token"]))["profile"]["following"] is True
    assert (await api.get("/api/articles/dragons", anna["token"]))["article"]["author"]["following"] is True
    assert (await api.get("/api/articles", anna["token"]))["articles"][0]["author"]["following"] is True

    await api.client.delete("/api/articles/dragons/favorite", headers=api.auth(anna["token"]))  # unfavorite
    await api.client.delete("/api/profiles/jake/follow", headers=api.auth(anna["token"]))  # unfollow
    mine = (await api.get("/api/articles/dragons", anna["token"]))["article"]
    assert (mine["favorited"], mine["favoritesCount"], mine["author"]["following"]) == (False, 0, False)
    assert (await api.get("/api/articles?favorited=anna"))["articlesCount"] == 0

    feed = "/api/articles/feed"  # the feed: cached per viewer, changed by follows and new articles
    assert (await read_twice(api, feed, anna["token"]))["articlesCount"] == 0
    await api.client.post("/api/profiles/jake/follow", headers=api.auth(anna["token"]))
    assert [a["slug"] for a in (await read_twice(api, feed, anna["token"]))["articles"]] == ["dragons"]
    await api.create_article(jake["token"], title="Wyverns")
    assert (await api.get(feed, anna["token"]))["articlesCount"] == 2
    await api.client.post("/api/articles/wyverns/favorite", headers=api.auth(anna["token"]))
    assert (await api.get(feed, anna["token"]))["articles"][0]["favorited"] is True
    assert (await api.get(feed, jake["token"]))["articlesCount"] == 0  # never another viewer's page
    await api.client.delete("/api/profiles/jake/follow", headers=api.auth(anna["token"]))
    assert (await api.get(feed, anna["token"]))["articlesCount"] == 0

    comment = {"comment": {"body": "Nice"}}  # comments
    await api.client.post("/api/articles/dragons/comments", json=comment, headers=api.auth(anna["token"]))
    assert [c["body"] for c in (await api.get("/api/articles/dragons/comments"))["comments"]] == ["Nice"]


async def test_profile_changes_show_in_profiles_and_articles(cached: Api) -> None:
    api = cached
    jake = await api.register("jake")
    await api.create_article(jake["token"], title="Dragons")
    await read_twice(api, "/api/articles/dragons")
    await read_twice(api, "/api/articles?author=jake")
    await read_twice(api, "/api/profiles/jake")

    changes = {"username": "jacob", "bio": "I like dragons", "image": "https://example.com/j.png"}
    response = await api.client.put("/api/user", json={"user": changes}, headers=api.auth(jake["token"]))
    assert response.status_code == 200
    author = (await api.get("/api/articles/dragons"))["article"]["author"]
    assert (author["username"], author["bio"], author["image"]) == ("jacob", changes["bio"], changes["image"])
    assert (await api.get("/api/articles"))["articles"][0]["author"]["username"] == "jacob"
    assert (await api.get("/api/articles?author=jake"))["articlesCount"] == 0
    assert (await api.get("/api/articles?author=jacob"))["articlesCount"] == 1
    assert (await api.client.get("/api/profiles/jake")).status_code == 404
    assert (await api.get("/api/profiles/jacob"))["profile"]["bio"] == "I like dragons"


async def test_a_viewers_flags_never_leak_to_another(cached: Api) -> None:
    api = cached
    jake, anna, bob = await api.register("jake"), await api.register("anna"), await api.register("bob")
    await api.create_article(jake["token"], title="Dragons")
    await api.client.post("/api/articles/dragons/favorite", headers=api.auth(anna["token"]))
    await api.client.post("/api/profiles/jake/follow", headers=api.auth(anna["token"]))
    # Anna's reads fill the shared entries first; Bob and anonymous readers then hit them.
    assert (await api.get("/api/articles", anna["token"]))["articles"][0]["favorited"] is True
    assert (await api.get("/api/articles/dragons", anna["token"]))["article"]["favorited"] is True
    assert (await api.get("/api/profiles/jake", anna["token"]))["profile"]["following"] is True
    for token in (bob["token"], None):
        assert await _dragons_as_seen(api, token) == [(False, False, 1)] * 2 + [False]


async def test_signed_in_answers_are_kept_per_viewer_and_checked_on_every_request(cached: Api) -> None:
    api = cached
    jake, anna, bob = await api.register("jake"), await api.register("anna"), await api.register("bob")
    await api.create_article(jake["token"], title="Dragons")
    await api.client.post("/api/profiles/jake/follow", headers=api.auth(anna["token"]))
    feed = "/api/articles/feed"
    paths = ["/api/articles", "/api/articles?limit=1", feed, "/api/articles/dragons", "/api/profiles/jake"]
    for path in paths:
        await api.get(path, anna["token"])
    hits = await _answer_hits(api)
    for path in paths:
        await api.get(path, anna["token"])
    assert await _answer_hits(api) == hits + 3  # Anna's own list and feed pages, replayed (not the rest)
    assert (await api.get(feed, bob["token"]))["articlesCount"] == 0  # never another reader's feed
    looked_up = await _answer_reads(api)
    assert (await api.client.get(feed)).status_code == 401  # no token: the route answers, unlooked-up
    assert await _answer_reads(api) == looked_up
    await api.client.delete("/api/profiles/jake/follow", headers=api.auth(anna["token"]))

    await api.client.post("/api/articles/dragons/favorite", headers=api.auth(anna["token"]))
    await api.client.post("/api/profiles/jake/follow", headers=api.auth(anna["token"]))
    for token, mine in ((anna["token"], True), (bob["token"], False), (None, False)):
        assert await _dragons_as_seen(api, token) == [(mine, mine, 1)] * 2 + [mine]

    assert (await api.client.post("/api/users/logout", headers=api.auth(anna["token"]))).status_code == 204
    for path in paths:  # her answers are still stored: the ended session must not reach them
        assert (await api.client.get(path, headers=api.auth(anna["token"]))).status_code == 401
    forged = anna["token"][:-4] + ("AAAA" if not anna["token"].endswith("AAAA") else "BBBB")
    assert (await api.client.get("/api/articles", headers=api.auth(forged))).status_code == 401


async def _dragons_as_seen(api: Api, token: str | None) -> list[Any]:
    """(favorited, author followed, favoritesCount) of "dragons" listed and alone, then whether
    jake's profile is followed, as this viewer gets them."""
    listed = (await api.get("/api/articles", token))["articles"][0]
    single = (await api.get("/api/articles/dragons", token))["article"]
    flags = [(a["favorited"], a["author"]["following"], a["favoritesCount"]) for a in (listed, single)]
    return [*flags, (await api.get("/api/profiles/jake", token))["profile"]["following"]]


async def test_two_processes_sharing_redis_see_each_others_writes(
    database_url: str, redis_url: str, cache_prefix: str, tmp_path
) -> None:
    """Two containers and apps (as two worker processes would have), one Redis."""
    settings = app_settings(database_url, tmp_path, redis_url=redis_url, cache_prefix=cache_prefix)
    async with (
        AsyncTestClient(app=create_app(build_container(settings))) as one,
        AsyncTestClient(app=create_app(build_container(settings))) as two,
    ):
        a, b = Api(one), Api(two)
        jake = await a.register("jake")
        await a.create_article(jake["token"], title="Dragons", tagList=["dragons"])
        for api in (a, b):
            await read_twice(api, "/api/articles/dragons")
            await read_twice(api, "/api/articles")
            await read_twice(api, "/api/tags")
            await read_twice(api, "/api/profiles/jake")

        await a.client.post("/api/articles/dragons/favorite", headers=a.auth(jake["token"]))
        assert (await b.get("/api/articles/dragons"))["article"]["favoritesCount"] == 1
        assert (await b.get("/api/articles"))["articles"][0]["favoritesCount"] == 1

        await a.client.put("/api/user", json={"user": {"bio": "new bio"}}, headers=a.auth(jake["token"]))
        assert (await b.get("/api/profiles/jake"))["profile"]["bio"] == "new bio"
        assert (await b.get("/api/articles/dragons"))["article"]["author"]["bio"] == "new bio"

        await b.client.put(
            "/api/articles/dragons",
            json={"article": {"tagList": ["wyverns"]}},
            headers=b.auth(jake["token"]),
        )
        assert (await a.get("/api/tags"))["tags"] == ["wyverns"]
        assert (await a.get("/api/articles/dragons"))["article"]["tagList"] == ["wyverns"]
        await b.client.delete("/api/articles/dragons", headers=b.auth(jake["token"]))
        assert (await a.client.get("/api/articles/dragons")).status_code == 404
        assert (await a.get("/api/articles"))["articlesCount"] == 0


async def test_a_revocation_in_another_process_ends_the_session_at_once(
    database_url: str, redis_url: str, cache_prefix: str, tmp_path
) -> None:
    """The account state authentication checks is cached in Redis; a ban or forced logout made by
    another process (the CLI, a script) must still refuse the very next request."""
    settings = app_settings(database_url, tmp_path, redis_url=redis_url, cache_prefix=cache_prefix)
    operator = build_container(settings)
    operator_actor = Actor(user_id=None, name="cli:test", role=Role.ADMIN)
    async with AsyncTestClient(app=create_app(build_container(settings))) as client:
        api = Api(client)
        jake = await api.register("jake")
        await read_twice(api, "/api/user", jake["token"])  # the account state is now cached
        await operator.users.force_logout().execute(operator_actor, "jake")
        assert (await client.get("/api/user", headers=api.auth(jake["token"]))).status_code == 401

        login = {"user": {"email": "jake@example.com", "password": "wooden-spoon-88"}}
        again = (await client.post("/api/users/login", json=login)).json()["user"]
        await read_twice(api, "/api/user", again["token"])
        await operator.users.ban_user().execute(operator_actor, "jake", reason="spam")
        assert (await client.get("/api/user", headers=api.auth(again["token"]))).status_code == 401
    await aclose(operator)


async def test_cached_reads_cost_no_query_and_personal_ones_a_bounded_few(cache_settings) -> None:
    container, statements = _counting_statements(cache_settings)
    async with AsyncTestClient(app=create_app(container)) as client:
        api = Api(client)
        jake = await api.register("jake")
        await api.create_article(jake["token"], title="Dragons", tagList=["x"])
        paths = ["/api/articles/dragons", "/api/articles?limit=5", "/api/tags", "/api/profiles/jake"]
        for path in paths:
            await api.get(path)
            statements.clear()
            await api.get(path)
            assert _queries(statements) == [], path  # anonymous hit: no database at all
            await api.get(path, jake["token"])
            # at most the token's user, then the viewer's favorites and whom they follow (one
            # query each, kept for the viewer's next reads, whatever page or article they show)
            assert len(_queries(statements)) <= 3, path
            statements.clear()
            await api.get(path, jake["token"])
            # a personal hit: the list is the viewer's own stored answer; an article or a profile
            # is the handler over cached entries, the viewer's flags from their own entries (tags:
            # the handler, which does not look at the viewer); the session is checked from the
            # cache when it is shared by every process (Redis), else with one indexed lookup
            shared = cache_settings.redis_url or path == "/api/tags"
            assert len(_queries(statements)) == (0 if shared else 1), path


async def test_a_favorite_rebuilds_only_the_answers_showing_its_article(cache_settings) -> None:
    """Listings, tag pages and /tags stay warm; a stored list answer stays valid unless it shows the
    article, and then its rebuild reads only that article's summary (and its tags)."""
    container, statements = _counting_statements(cache_settings)
    async with AsyncTestClient(app=create_app(container)) as client:
        api = Api(client)
        jake, anna = await api.register("jake"), await api.register("anna")
        for title in ("Old", "Middle", "New"):
            await api.create_article(jake["token"], title=title, tagList=["x"])
        paths = ["/api/articles?limit=2", "/api/articles?tag=x&limit=2", "/api/tags"]
        for path in paths:
            await read_twice(api, path)

        await api.client.post("/api/articles/old/favorite", headers=api.auth(anna["token"]))
        statements.clear()
        stored = _answers_replayed()
        for path in paths:
            await api.get(path)
        assert _queries(statements) == []  # "old" is on no page read: every stored answer holds
        assert _answers_replayed() == stored + len(paths)

        await api.client.post("/api/articles/new/favorite", headers=api.auth(anna["token"]))
        statements.clear()
        for path in paths[:2]:
            assert (await api.get(path))["articles"][0]["favoritesCount"] == 1
        # the favorited article's row (tags included), once for both pages; no count, listing or flags
        (rows,) = _queries(statements)  # no listing: nothing walks a list (LIMIT) or counts it
        assert "articles.title" in rows and "LIMIT" not in rows and "counters" not in rows
        statements.clear()
        await api.get("/api/tags")
        assert _queries(statements) == []


async def test_a_new_article_leaves_the_lists_of_other_tags_alone(cache_settings) -> None:
    async with AsyncTestClient(app=create_app(build_container(cache_settings))) as client:
        api = Api(client)
        jake = await api.register("jake")
        await api.create_article(jake["token"], title="Dragons", tagList=["x"])
        await api.create_article(jake["token"], title="Wyverns", tagList=["y"])
        await read_twice(api, "/api/articles?tag=x")
        replayed = _answers_replayed()
        await api.create_article(jake["token"], title="Unicorns", tagList=["y"])
        assert await _slugs(api, "/api/articles?tag=x") == ["dragons"]
        assert _answers_replayed() == replayed + 1  # x's list did not change: its answer holds
        await api.create_article(jake["token"], title="Griffins", tagList=["x", "y"])
        assert await _slugs(api, "/api/articles?tag=x") == ["griffins", "dragons"]
        await api.client.delete("/api/articles/griffins", headers=api.auth(jake["token"]))
        assert await _slugs(api, "/api/articles?tag=x") == ["dragons"]
        assert await _slugs(api, "/api/articles") == ["unicorns", "wyverns", "dragons"]


async def _slugs(api: Api, path: str) -> list[str]:
    return [article["slug"] for article in (await api.get(path))["articles"]]


def _counting_statements(settings) -> tuple[Any, list[str]]:
    """A container whose every SQL statement is appended to the list."""
    container = build_container(settings)
    statements: list[str] = []
    sa.event.listen(
        container.infra.engine().sync_engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, *_: statements.append(statement),
    )
    return container, statements


def _answers_replayed() -> float:
    return CACHE_READS.labels("response", "hit")._value.get()


def _queries(statements: list[str]) -> list[str]:
    return [s for s in statements if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))]


async def test_the_cache_can_be_switched_off(settings) -> None:
    """CONDUIT_CACHE_ENABLED=false: a change behind the app's back shows at once (nothing was cached)."""
    uncached = msgspec.structs.replace(settings, cache_enabled=False)
    async with AsyncTestClient(app=create_app(build_container(uncached))) as client:
        api = Api(client)
        jake = await api.register("jake")
        slug = (await api.create_article(jake["token"], title="Plain"))["slug"]
        assert (await api.get(f"/api/articles/{slug}"))["article"]["body"] == "Very carefully."
        engine = make_engine(uncached.database_url)
        async with engine.begin() as connection:
            await connection.execute(sa.text("UPDATE articles SET body = 'changed' WHERE slug = 'plain'"))
        await engine.dispose()
        assert (await api.get(f"/api/articles/{slug}"))["article"]["body"] == "changed"


@pytest.mark.parametrize("with_redis", [False, True])
async def test_replayed_answers_carry_only_this_requests_cors_headers(
    request: pytest.FixtureRequest, database_url: str, tmp_path, cache_prefix: str, with_redis: bool
) -> None:
    """A stored answer is shared; headers added for one request (CORS for its Origin) must not stick
    to it and reach the next request."""
    redis_url = request.getfixturevalue("redis_url") if with_redis else None
    settings = app_settings(
        database_url,
        tmp_path,
        redis_url=redis_url,
        cache_prefix=cache_prefix,
        cors_origins="https://app.example",
    )
    async with AsyncTestClient(app=create_app(build_container(settings))) as client:
        for _ in range(3):
            cross = await client.get("/api/tags", headers={"Origin": "https://app.example"})
            assert cross.headers["access-control-allow-origin"] == "https://app.example"
            plain = await client.get("/api/tags")
            assert "access-control-allow-origin" not in plain.headers
            assert plain.headers.get_list("etag") == [cross.headers["etag"]]


async def test_unknown_or_reordered_query_parameters_share_one_stored_answer(cached: Api) -> None:
    """A client cannot multiply the entries of one answer with junk parameters or another order."""
    api = cached
    jake = await api.register("jake")
    await api.create_article(jake["token"], title="Dragons", tagList=["x"])
    first = await api.client.get("/api/articles?limit=2&tag=x&junk=1")
    hits = await _answer_hits(api)  # the registry is per process: count from here
    for variant in ["/api/articles?junk=2&tag=x&limit=2", "/api/articles?tag=x&limit=2"]:
        again = await api.client.get(variant)
        assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert await _answer_hits(api) == hits + 2
    other = await api.client.get("/api/articles?offset=1&tag=x")  # a parameter the route reads: its own
    assert await _answer_hits(api) == hits + 2 and other.json()["articles"] == []


async def _answer_hits(api: Api) -> float:
    return await _answer_reads(api, "hit")


async def _answer_reads(api: Api, outcome: str = "") -> float:
    """Stored-answer lookups counted so far (of one outcome, or all)."""
    text = (await api.client.get("/metrics")).text
    line = 'conduit_cache_reads_total{kind="response"' + (f',outcome="{outcome}"}}' if outcome else "")
    return sum(float(row.split()[-1]) for row in text.splitlines() if row.startswith(line))
