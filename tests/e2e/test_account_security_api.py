"""Moderation, bans, token revocation and login limits, enforced through HTTP."""

import pytest
from litestar.testing import AsyncTestClient

from entrypoints.container import build_container
from entrypoints.http.app import create_app
from entrypoints.python_api import Conduit
from tests.conftest import CHEAP_HASHING, TEST_SECRET
from tests.e2e.conftest import Api


async def _as_operator(settings, action) -> object:
    async with Conduit.open(
        settings.database_url, data_dir=settings.data_dir, secret_key=TEST_SECRET, **CHEAP_HASHING
    ) as conduit:
        return await action(conduit)


async def test_moderators_may_delete_any_article_and_comment(api: Api, settings) -> None:
    jake = await api.register("jake")
    mod = await api.register("mod")
    await _as_operator(settings, lambda c: c.set_role("mod", "moderator"))
    slug = (await api.create_article(jake["token"]))["slug"]
    comment = (
        await api.client.post(
            f"/api/articles/{slug}/comments",
            json={"comment": {"body": "hi"}},
            headers=api.auth(jake["token"]),
        )
    ).json()["comment"]
    deleted_comment = await api.client.delete(
        f"/api/articles/{slug}/comments/{comment['id']}", headers=api.auth(mod["token"])
    )
    assert deleted_comment.status_code == 204
    assert (
        await api.client.delete(f"/api/articles/{slug}", headers=api.auth(mod["token"]))
    ).status_code == 204
    entries = await _as_operator(settings, lambda c: c.audit_log())
    assert [(e.actor, e.action) for e in entries.items][:2] == [
        ("mod", "article.delete"),
        ("mod", "comment.delete"),
    ]


async def test_moderators_may_not_edit_others_articles(api: Api, settings) -> None:
    jake = await api.register("jake")
    mod = await api.register("mod")
    await _as_operator(settings, lambda c: c.set_role("mod", "moderator"))
    slug = (await api.create_article(jake["token"]))["slug"]
    response = await api.client.put(
        f"/api/articles/{slug}", json={"article": {"body": "x"}}, headers=api.auth(mod["token"])
    )
    assert response.status_code == 403


async def test_a_ban_ends_sessions_at_once_and_login_answers_403(api: Api, settings) -> None:
    jake = await api.register("jake")
    assert (await api.client.get("/api/user", headers=api.auth(jake["token"]))).status_code == 200
    await _as_operator(settings, lambda c: c.ban_user("jake", reason="spam"))
    after = await api.client.get("/api/user", headers=api.auth(jake["token"]))
    assert after.status_code == 401 and after.json()["errors"]["body"] == ["token has been revoked"]
    login = await api.client.post(
        "/api/users/login", json={"user": {"email": "jake@example.com", "password": "wooden-spoon-88"}}
    )
    assert login.status_code == 403 and login.json()["errors"]["body"] == ["this account is banned"]
    wrong = await api.client.post(
        "/api/users/login", json={"user": {"email": "jake@example.com", "password": "wrong-password"}}
    )
    assert wrong.status_code == 401  # a guesser learns nothing about the ban


async def test_password_change_revokes_other_sessions(api: Api) -> None:
    jake = await api.register("jake")
    laptop = (
        await api.client.post(
            "/api/users/login", json={"user": {"email": "jake@example.com", "password": "wooden-spoon-88"}}
        )
    ).json()
    changed = await api.client.put(
        "/api/user", json={"user": {"password": "a much better one"}}, headers=api.auth(jake["token"])
    )
    new_token = changed.json()["user"]["token"]
    assert (await api.client.get("/api/user", headers=api.auth(laptop["user"]["token"]))).status_code == 401
    assert (await api.client.get("/api/user", headers=api.auth(jake["token"]))).status_code == 401
    assert (await api.client.get("/api/user", headers=api.auth(new_token))).status_code == 200


async def test_forced_logout(api: Api, settings) -> None:
    jake = await api.register("jake")
    await _as_operator(settings, lambda c: c.force_logout("jake", reason="stolen laptop"))
    assert (await api.client.get("/api/user", headers=api.auth(jake["token"]))).status_code == 401


@pytest.fixture
async def strict_client(settings):
    strict = settings.__class__(
        **{
            **{f: getattr(settings, f) for f in settings.__struct_fields__},
            "login_max_failures_per_account": 3,
            "login_max_failures_per_client": 5,
        }
    )
    async with AsyncTestClient(app=create_app(build_container(strict))) as client:
        yield Api(client)


async def test_failed_logins_are_limited_with_retry_after(strict_client: Api) -> None:
    api = strict_client
    await api.register("jake")
    wrong = {"user": {"email": "jake@example.com", "password": "not-the-password"}}
    statuses = [(await api.client.post("/api/users/login", json=wrong)).status_code for _ in range(3)]
    assert statuses == [401, 401, 401]
    limited = await api.client.post(
        "/api/users/login", json={"user": {"email": "JAKE@example.com", "password": "wooden-spoon-88"}}
    )
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    assert limited.json()["errors"]["body"] == ["too many failed logins, try again later"]


async def test_one_client_cannot_spray_many_accounts(strict_client: Api) -> None:
    api = strict_client
    statuses = []
    for n in range(7):
        body = {"user": {"email": f"u{n}@example.com", "password": "wooden-spoon-88"}}
        statuses.append((await api.client.post("/api/users/login", json=body)).status_code)
    assert statuses == [401] * 5 + [429] * 2
