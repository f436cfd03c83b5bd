"""Headers and parsing: JSON bodies only, complete Allow headers, Vary: Origin, reachable usernames."""

import pytest
from litestar.testing import AsyncTestClient

from entrypoints.container import build_container
from entrypoints.http.app import create_app
from tests.e2e.conftest import Api, app_settings

LOGIN = b'{"user": {"email": "jake@example.com", "password": "wooden-spoon-88"}}'


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
async def test_bodies_other_than_json_are_refused_with_415(api: Api, content_type: str) -> None:
    """What a cross-site form can send without a preflight never reaches login or registration."""
    answer = await api.client.post("/api/users/login", content=LOGIN, headers={"Content-Type": content_type})
    assert answer.status_code == 415
    assert answer.json() == {
        "errors": {"body": ["request body must be JSON (Content-Type: application/json)"]}
    }


async def test_json_with_a_charset_and_bodiless_posts_still_work(api: Api) -> None:
    await api.register("jake")
    answer = await api.client.post(
        "/api/users/login", content=LOGIN, headers={"Content-Type": "application/json; charset=utf-8"}
    )
    assert answer.status_code == 200
    token = answer.json()["user"]["token"]
    slug = (await api.create_article(token))["slug"]
    assert (
        await api.client.post(f"/api/articles/{slug}/favorite", headers=api.auth(token))
    ).status_code == 200


@pytest.mark.parametrize(
    ("path", "methods"),
    [
        ("/api/user", "GET, OPTIONS, PUT"),
        ("/api/articles/some-slug", "DELETE, GET, OPTIONS, PUT"),
        ("/api/articles/some-slug/favorite", "DELETE, OPTIONS, POST"),
        ("/api/user/sessions/some-id", "DELETE, OPTIONS"),
    ],
)
async def test_options_lists_every_method_of_the_path(api: Api, path: str, methods: str) -> None:
    answer = await api.client.options(path)
    assert answer.headers["allow"] == methods


async def test_restricted_origins_make_every_answer_vary_by_origin(database_url, tmp_path) -> None:
    settings = app_settings(database_url, tmp_path, cors_origins="https://app.example")
    async with AsyncTestClient(app=create_app(build_container(settings))) as client:
        other = await client.get("/api/tags", headers={"Origin": "https://evil.example"})
        allowed = await client.get("/api/tags", headers={"Origin": "https://app.example"})
    assert "access-control-allow-origin" not in other.headers
    assert allowed.headers["access-control-allow-origin"] == "https://app.example"
    for answer in (other, allowed):
        assert [v.strip() for v in answer.headers["vary"].split(",")] == ["Origin", "Authorization"]


@pytest.mark.parametrize("name", [".", "..", "...."])
async def test_usernames_of_dots_only_are_refused(api: Api, name: str) -> None:
    body = {"user": {"username": name, "email": "dots@example.com", "password": "wooden-spoon-88"}}
    answer = await api.client.post("/api/users", json=body)
    assert answer.status_code == 422 and "only dots" in answer.json()["errors"]["username"][0]
    assert (
        await api.client.post("/api/users", json={"user": {**body["user"], "username": "a.b"}})
    ).status_code == 201
