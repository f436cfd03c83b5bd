"""Comments and tags through HTTP, on SQLite and PostgreSQL."""

from tests.e2e.conftest import Api


async def test_comment_lifecycle(api: Api) -> None:
    jake = await api.register("jake")
    anna = await api.register("anna")
    slug = (await api.create_article(jake["token"]))["slug"]
    first = await api.client.post(
        f"/api/articles/{slug}/comments",
        json={"comment": {"body": "First!"}},
        headers=api.auth(anna["token"]),
    )
    assert first.status_code == 201
    comment = first.json()["comment"]
    assert set(comment) == {"id", "createdAt", "updatedAt", "body", "author"} and isinstance(
        comment["id"], int
    )
    assert comment["author"]["username"] == "anna"
    await api.client.post(
        f"/api/articles/{slug}/comments",
        json={"comment": {"body": "Second"}},
        headers=api.auth(jake["token"]),
    )

    listed = (await api.get(f"/api/articles/{slug}/comments"))["comments"]
    assert [c["body"] for c in listed] == ["Second", "First!"]  # newest first
    await api.client.post("/api/profiles/anna/follow", headers=api.auth(jake["token"]))
    as_jake = (await api.get(f"/api/articles/{slug}/comments", jake["token"]))["comments"]
    assert as_jake[1]["author"]["following"] is True

    forbidden = await api.client.delete(
        f"/api/articles/{slug}/comments/{comment['id']}", headers=api.auth(jake["token"])
    )
    assert forbidden.status_code == 403
    deleted = await api.client.delete(
        f"/api/articles/{slug}/comments/{comment['id']}", headers=api.auth(anna["token"])
    )
    assert deleted.status_code == 204
    assert [c["body"] for c in (await api.get(f"/api/articles/{slug}/comments"))["comments"]] == ["Second"]
    again = await api.client.delete(
        f"/api/articles/{slug}/comments/{comment['id']}", headers=api.auth(anna["token"])
    )
    assert again.status_code == 404


async def test_comment_errors(api: Api) -> None:
    jake = await api.register("jake")
    auth = api.auth(jake["token"])
    slug = (await api.create_article(jake["token"]))["slug"]
    other = (await api.create_article(jake["token"], title="Other"))["slug"]
    comment_id = (
        await api.client.post(f"/api/articles/{slug}/comments", json={"comment": {"body": "x"}}, headers=auth)
    ).json()["comment"]["id"]
    assert (
        await api.client.post(f"/api/articles/{slug}/comments", json={"comment": {"body": "x"}})
    ).status_code == 401
    for body in [{"comment": {"body": ""}}, {"comment": {}}, {"body": "x"}, {"comment": {"body": 5}}]:
        response = await api.client.post(f"/api/articles/{slug}/comments", json=body, headers=auth)
        assert response.status_code == 422, body
    missing = await api.client.post(
        "/api/articles/nope/comments", json={"comment": {"body": "x"}}, headers=auth
    )
    assert missing.status_code == 404
    assert (await api.client.get("/api/articles/nope/comments")).status_code == 404
    wrong_article = await api.client.delete(f"/api/articles/{other}/comments/{comment_id}", headers=auth)
    assert wrong_article.status_code == 404
    assert (await api.client.delete(f"/api/articles/{slug}/comments/abc", headers=auth)).status_code in (
        404,
        422,
    )
    assert len((await api.get(f"/api/articles/{slug}/comments"))["comments"]) == 1


async def test_tags_list_what_articles_use_most_used_first(api: Api) -> None:
    jake = await api.register("jake")
    assert await api.get("/api/tags") == {"tags": []}
    await api.create_article(jake["token"], title="One", tagList=["dragons", "training"])
    await api.create_article(jake["token"], title="Two", tagList=["dragons", "angular"])
    assert (await api.get("/api/tags"))["tags"] == ["dragons", "angular", "training"]
    assert (await api.get("/api/tags?limit=2"))["tags"] == ["dragons", "angular"]
    for wrong in ("0", "501", "many"):
        response = await api.client.get(f"/api/tags?limit={wrong}")
        assert response.status_code == 422 and "limit" in response.text


async def test_impossible_comment_ids_are_404_not_a_crash(api: Api) -> None:
    jake = await api.register("jake")
    slug = (await api.create_article(jake["token"]))["slug"]
    for comment_id in ["0", "-1", str(2**31), str(2**63), str(10**30)]:
        response = await api.client.delete(
            f"/api/articles/{slug}/comments/{comment_id}", headers=api.auth(jake["token"])
        )
        assert response.status_code == 404, (comment_id, response.text)
