"""Articles, the feed and favorites through HTTP, on SQLite and PostgreSQL."""

import re

import pytest

from tests.e2e.conftest import Api

ISO_MS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
LIST_KEYS = {
    "slug",
    "title",
    "description",
    "tagList",
    "createdAt",
    "updatedAt",
    "favorited",
    "favoritesCount",
    "author",
}


async def test_create_and_read_an_article(api: Api) -> None:
    jake = await api.register("jake")
    created = await api.create_article(jake["token"], tagList=["training", "dragons", "dragons", " "])
    assert set(created) == LIST_KEYS | {"body"}
    assert created["slug"] == "how-to-train-your-dragon"
    assert created["tagList"] == ["dragons", "training"]  # sorted, de-duplicated, blanks dropped
    assert (created["favorited"], created["favoritesCount"]) == (False, 0)
    assert created["author"] == {"username": "jake", "bio": "", "image": "", "following": False}
    assert ISO_MS.match(created["createdAt"]) and created["createdAt"] == created["updatedAt"]
    assert (await api.get(f"/api/articles/{created['slug']}"))["article"] == created


async def test_list_is_newest_first_without_bodies_and_counts_all_matches(api: Api) -> None:
    jake = await api.register("jake")
    for n in range(5):
        await api.create_article(jake["token"], title=f"Article {n}")
    page = await api.get("/api/articles?limit=2&offset=1")
    assert page["articlesCount"] == 5
    assert [a["title"] for a in page["articles"]] == ["Article 3", "Article 2"]
    assert all(set(a) == LIST_KEYS for a in page["articles"])
    default = await api.get("/api/articles")
    assert len(default["articles"]) == 5
    beyond = await api.get("/api/articles?offset=10")
    assert beyond == {"articles": [], "articlesCount": 5}


async def test_filters_combine(api: Api) -> None:
    jake = await api.register("jake")
    anna = await api.register("anna")
    a1 = await api.create_article(jake["token"], title="Dragons one", tagList=["dragons"])
    await api.create_article(jake["token"], title="Cats", tagList=["cats"])
    a3 = await api.create_article(anna["token"], title="Dragons two", tagList=["dragons"])
    await api.client.post(f"/api/articles/{a3['slug']}/favorite", headers=api.auth(jake["token"]))
    await api.client.post(f"/api/articles/{a1['slug']}/favorite", headers=api.auth(jake["token"]))

    def titles(page: dict) -> list[str]:
        return [a["title"] for a in page["articles"]]

    assert titles(await api.get("/api/articles?tag=dragons")) == ["Dragons two", "Dragons one"]
    assert titles(await api.get("/api/articles?author=JAKE")) == ["Cats", "Dragons one"]
    assert titles(await api.get("/api/articles?favorited=jake")) == ["Dragons two", "Dragons one"]
    combined = await api.get("/api/articles?tag=dragons&author=anna&favorited=jake")
    assert titles(combined) == ["Dragons two"] and combined["articlesCount"] == 1
    for unknown in ["tag=nope", "author=nobody", "favorited=nobody"]:
        assert await api.get(f"/api/articles?{unknown}") == {"articles": [], "articlesCount": 0}


async def test_viewer_flags_are_per_viewer(api: Api) -> None:
    jake = await api.register("jake")
    anna = await api.register("anna")
    article = await api.create_article(jake["token"])
    await api.client.post(f"/api/articles/{article['slug']}/favorite", headers=api.auth(anna["token"]))
    await api.client.post("/api/profiles/jake/follow", headers=api.auth(anna["token"]))
    as_anna = (await api.get("/api/articles", anna["token"]))["articles"][0]
    as_jake = (await api.get("/api/articles", jake["token"]))["articles"][0]
    anonymous = (await api.get("/api/articles"))["articles"][0]
    assert (as_anna["favorited"], as_anna["author"]["following"]) == (True, True)
    assert (as_jake["favorited"], as_jake["author"]["following"]) == (False, False)
    assert (anonymous["favorited"], anonymous["author"]["following"]) == (False, False)
    assert as_anna["favoritesCount"] == as_jake["favoritesCount"] == anonymous["favoritesCount"] == 1


async def test_feed_shows_followed_authors_only(api: Api) -> None:
    jake = await api.register("jake")
    anna = await api.register("anna")
    bob = await api.register("bob")
    await api.create_article(jake["token"], title="By jake")
    await api.create_article(bob["token"], title="By bob")
    await api.create_article(anna["token"], title="By anna")
    assert await api.get("/api/articles/feed", anna["token"]) == {"articles": [], "articlesCount": 0}
    await api.client.post("/api/profiles/jake/follow", headers=api.auth(anna["token"]))
    await api.client.post("/api/profiles/bob/follow", headers=api.auth(anna["token"]))
    feed = await api.get("/api/articles/feed?limit=1", anna["token"])
    assert [a["title"] for a in feed["articles"]] == ["By bob"] and feed["articlesCount"] == 2
    assert feed["articles"][0]["author"]["following"] is True
    assert (await api.client.get("/api/articles/feed")).status_code == 401


async def test_favorite_and_unfavorite_are_idempotent_with_exact_counts(api: Api) -> None:
    jake = await api.register("jake")
    anna = await api.register("anna")
    slug = (await api.create_article(jake["token"]))["slug"]
    for user in (anna, anna, jake):
        response = await api.client.post(f"/api/articles/{slug}/favorite", headers=api.auth(user["token"]))
        assert response.status_code == 200 and response.json()["article"]["favorited"] is True
    assert (await api.get(f"/api/articles/{slug}"))["article"]["favoritesCount"] == 2
    for _ in range(2):
        response = await api.client.delete(f"/api/articles/{slug}/favorite", headers=api.auth(anna["token"]))
        assert response.status_code == 200
        body = response.json()["article"]
        assert (body["favorited"], body["favoritesCount"]) == (False, 1)


async def test_update_by_author_changes_fields_and_slug(api: Api) -> None:
    jake = await api.register("jake")
    slug = (await api.create_article(jake["token"], tagList=["a"]))["slug"]
    body_only = await api.client.put(
        f"/api/articles/{slug}", json={"article": {"body": "With two hands"}}, headers=api.auth(jake["token"])
    )
    assert body_only.status_code == 200
    assert body_only.json()["article"]["slug"] == slug and body_only.json()["article"]["tagList"] == ["a"]
    retitled = await api.client.put(
        f"/api/articles/{slug}",
        json={"article": {"title": "Did you train your dragon?", "tagList": ["b", "c"]}},
        headers=api.auth(jake["token"]),
    )
    article = retitled.json()["article"]
    assert article["slug"] == "did-you-train-your-dragon" and article["body"] == "With two hands"
    assert article["tagList"] == ["b", "c"] and article["updatedAt"] > article["createdAt"]
    assert (await api.client.get(f"/api/articles/{slug}")).status_code == 404
    assert (await api.get("/api/tags"))["tags"] == ["b", "c"]


async def test_only_the_author_may_update_or_delete(api: Api) -> None:
    jake = await api.register("jake")
    anna = await api.register("anna")
    slug = (await api.create_article(jake["token"]))["slug"]
    update = await api.client.put(
        f"/api/articles/{slug}", json={"article": {"body": "mine now"}}, headers=api.auth(anna["token"])
    )
    delete = await api.client.delete(f"/api/articles/{slug}", headers=api.auth(anna["token"]))
    assert (update.status_code, delete.status_code) == (403, 403)
    assert update.json()["errors"]["body"]
    assert (await api.get(f"/api/articles/{slug}"))["article"]["body"] == "Very carefully."
    assert (await api.client.put(f"/api/articles/{slug}", json={"article": {}})).status_code == 401


async def test_delete_removes_comments_favorites_and_unused_tags(api: Api) -> None:
    jake = await api.register("jake")
    anna = await api.register("anna")
    doomed = await api.create_article(jake["token"], title="Doomed", tagList=["only-here", "shared"])
    await api.create_article(jake["token"], title="Survivor", tagList=["shared"])
    await api.client.post(f"/api/articles/{doomed['slug']}/favorite", headers=api.auth(anna["token"]))
    await api.client.post(
        f"/api/articles/{doomed['slug']}/comments",
        json={"comment": {"body": "hi"}},
        headers=api.auth(anna["token"]),
    )
    response = await api.client.delete(f"/api/articles/{doomed['slug']}", headers=api.auth(jake["token"]))
    assert response.status_code == 204 and response.content == b""
    assert (await api.client.get(f"/api/articles/{doomed['slug']}")).status_code == 404
    assert (await api.client.get(f"/api/articles/{doomed['slug']}/comments")).status_code == 404
    assert (await api.get("/api/tags"))["tags"] == ["shared"]
    assert (await api.get("/api/articles?favorited=anna"))["articlesCount"] == 0


async def test_same_title_gives_distinct_readable_slugs(api: Api) -> None:
    jake = await api.register("jake")
    slugs = {(await api.create_article(jake["token"], title="Ça va, 世界!"))["slug"] for _ in range(3)}
    assert len(slugs) == 3
    assert all(slug.startswith("ça-va-世界") for slug in slugs)
    for slug in slugs:
        assert (await api.get(f"/api/articles/{slug}"))["article"]["title"] == "Ça va, 世界!"


@pytest.mark.parametrize(
    ("article", "field"),
    [
        ({"description": "d", "body": "b"}, "title"),
        ({"title": "", "description": "d", "body": "b"}, "title"),
        ({"title": "t", "description": "d", "body": "   "}, "body"),
        ({"title": "t" * 201, "description": "d", "body": "b"}, "title"),
        ({"title": 1, "description": "d", "body": "b"}, "title"),
        ({"title": "t", "description": "d", "body": "b", "tagList": "dragons"}, "tagList"),
        ({"title": "t", "description": "d", "body": "b", "tagList": [1]}, "tagList"),
        ({"title": "t", "description": "d", "body": "b", "tagList": ["x" * 51]}, "tagList"),
        ({"title": "t", "description": "d", "body": "b", "tagList": [f"t{n}" for n in range(21)]}, "tagList"),
    ],
)
async def test_bad_articles_are_422_and_write_nothing(api: Api, article, field) -> None:
    jake = await api.register("jake")
    response = await api.client.post(
        "/api/articles", json={"article": article}, headers=api.auth(jake["token"])
    )
    assert response.status_code == 422, response.text
    assert field in response.json()["errors"] and response.json()["errors"]["body"]
    assert (await api.get("/api/articles"))["articlesCount"] == 0


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=-1",
        "limit=abc",
        "limit=101",
        "offset=-1",
        "offset=1.5",
        "limit=",
        "offset=x",
        f"offset={2**31}",
    ],
)
async def test_bad_paging_is_422(api: Api, query: str) -> None:
    response = await api.client.get(f"/api/articles?{query}")
    assert response.status_code == 422, response.text
    name = query.split("=")[0]
    assert name in response.json()["errors"]


async def test_paging_cap_is_accepted(api: Api) -> None:
    assert (await api.client.get("/api/articles?limit=100&offset=0")).status_code == 200


async def test_missing_resources_are_404(api: Api) -> None:
    jake = await api.register("jake")
    auth = api.auth(jake["token"])
    for method, path in [
        ("GET", "/api/articles/nope"),
        ("PUT", "/api/articles/nope"),
        ("DELETE", "/api/articles/nope"),
        ("POST", "/api/articles/nope/favorite"),
        ("DELETE", "/api/articles/nope/favorite"),
    ]:
        response = await api.client.request(method, path, headers=auth, json={"article": {"body": "x"}})
        assert response.status_code == 404, (method, path)
        assert response.json()["errors"]["body"] == ["article not found"]


async def test_content_is_stored_and_returned_exactly(api: Api) -> None:
    jake = await api.register("jake")
    tricky = "<script>alert('x')</script> ' OR 1=1; -- \"quoted\" 🎉 مرحبا עברית\n\nparagraph"
    created = await api.create_article(
        jake["token"],
        title="<b>Bold</b> 🎉 שלום",
        description=tricky,
        body=tricky,
        tagList=["<i>", "🐉", "עברית"],
    )
    read = (await api.get(f"/api/articles/{created['slug']}"))["article"]
    assert read["title"] == "<b>Bold</b> 🎉 שלום"
    assert read["description"] == read["body"] == tricky
    assert sorted(read["tagList"]) == sorted(["<i>", "🐉", "עברית"])
    assert (await api.get("/api/articles?tag=🐉"))["articlesCount"] == 1
