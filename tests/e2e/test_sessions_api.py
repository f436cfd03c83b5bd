"""Sessions through HTTP: listing, ending, logging out; revocation that never waits for a cache;
cache entries bound to their database; client addresses only from trusted proxies."""

import asyncio
from collections.abc import AsyncIterator

import jwt
import pytest
from click.testing import CliRunner
from litestar.testing import AsyncTestClient

from adapters.persistence.migrations.runner import Migrations
from entrypoints.cli.main import cli
from entrypoints.container import build_container
from entrypoints.http.app import create_app
from tests.conftest import CHEAP_HASHING, TEST_SECRET
from tests.e2e.conftest import Api, app_settings


async def log_in(api: Api, agent: str = "curl/8") -> str:
    answer = await api.client.post(
        "/api/users/login",
        json={"user": {"email": "jake@example.com", "password": "wooden-spoon-88"}},
        headers={"User-Agent": agent},
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "no-store"
    return answer.json()["user"]["token"]


async def test_sessions_are_listed_ended_and_logged_out(api: Api) -> None:
    registered = await api.client.post(
        "/api/users",
        json={"user": {"username": "jake", "email": "jake@example.com", "password": "wooden-spoon-88"}},
    )
    assert registered.headers["cache-control"] == "no-store"
    phone = registered.json()["user"]["token"]
    laptop = await log_in(api, agent="Laptop browser")
    claims = jwt.decode(laptop, TEST_SECRET, algorithms=["HS256"], audience="conduit-api")
    assert claims["sid"] and claims["aud"] == "conduit-api"

    listed = (await api.get("/api/user/sessions", laptop))["sessions"]
    assert len(listed) == 2
    mine = [s for s in listed if s["current"]]
    assert [(s["id"], s["userAgent"]) for s in mine] == [(claims["sid"], "Laptop browser")]
    assert set(listed[0]) == {
        "id",
        "createdAt",
        "lastUsedAt",
        "expiresAt",
        "clientAddress",
        "userAgent",
        "current",
    }
    phone_session = next(s["id"] for s in listed if not s["current"])

    assert (
        await api.client.delete(f"/api/user/sessions/{phone_session}", headers=api.auth(laptop))
    ).status_code == 204
    assert (await api.client.get("/api/user", headers=api.auth(phone))).status_code == 401
    again = await api.client.delete(f"/api/user/sessions/{phone_session}", headers=api.auth(laptop))
    assert again.status_code == 404 and again.json()["errors"]

    anna = await api.register("anna", password="wooden-spoon-88")
    theirs = await api.client.delete(f"/api/user/sessions/{claims['sid']}", headers=api.auth(anna["token"]))
    assert theirs.status_code == 404  # another user's session: as if unknown
    assert (await api.client.get("/api/user", headers=api.auth(laptop))).status_code == 200

    assert (await api.client.post("/api/users/logout", headers=api.auth(laptop))).status_code == 204
    assert (await api.client.get("/api/user", headers=api.auth(laptop))).status_code == 401
    assert (await api.client.post("/api/users/logout")).status_code == 401


async def test_the_session_routes_are_documented(api: Api) -> None:
    schema = await api.get("/docs/openapi.json")
    paths = schema["paths"]
    assert {"get"} <= set(paths["/api/user/sessions"])
    assert "delete" in paths["/api/user/sessions/{session_id}"]
    assert "post" in paths["/api/users/logout"]


async def test_forwarded_for_is_ignored_without_trusted_proxies(database_url, tmp_path) -> None:
    settings = app_settings(database_url, tmp_path, login_max_failures_per_client=5)
    async with AsyncTestClient(app=create_app(build_container(settings))) as client:
        statuses = []
        for n in range(7):  # a client picking a new "address" for every attempt
            body = {"user": {"email": f"u{n}@example.com", "password": "wooden-spoon-88"}}
            answer = await client.post(
                "/api/users/login", json=body, headers={"X-Forwarded-For": f"10.0.0.{n}"}
            )
            statuses.append(answer.status_code)
    assert statuses == [401] * 5 + [429] * 2


@pytest.fixture
async def redis_server(database_url, tmp_path, redis_url, cache_prefix) -> AsyncIterator[Api]:
    """A server whose cache (account state included) is Redis under this test's prefix."""
    settings = app_settings(database_url, tmp_path, redis_url=redis_url, cache_prefix=cache_prefix)
    async with AsyncTestClient(app=create_app(build_container(settings))) as client:
        yield Api(client)


async def conduit(database_url: str, tmp_path, *args: str, **env: str):
    """The CLI, as another process would run it (in a thread: it runs its own event loop)."""
    base = {
        "CONDUIT_DATABASE_URL": database_url,
        "CONDUIT_DATA_DIR": str(tmp_path),
        "CONDUIT_SECRET_KEY": TEST_SECRET,
        **{f"CONDUIT_{name.upper()}": str(value) for name, value in CHEAP_HASHING.items()},
    }
    environment = {"CONDUIT_REDIS_URL": None, "CONDUIT_CACHE_PREFIX": None, **base, **env}
    return await asyncio.to_thread(CliRunner().invoke, cli, list(args), env=environment)


@pytest.mark.parametrize(
    "command",
    [
        ["ban", "jake", "--reason", "spam", "--yes"],
        ["logout", "jake"],
        ["set-password", "jake", "--password", "a fresh passphrase"],
    ],
)
async def test_a_revocation_from_the_cli_never_waits_for_the_servers_cache(
    redis_server: Api, database_url, tmp_path, redis_url, cache_prefix, command
) -> None:
    api = redis_server
    token = (await api.register("jake"))["token"]
    assert (await api.client.get("/api/user", headers=api.auth(token))).status_code == 200  # cached now

    for env in ({}, {"CONDUIT_REDIS_URL": redis_url, "CONDUIT_CACHE_PREFIX": "another-prefix:"}):
        refused = await conduit(database_url, tmp_path, "users", *command, **env)
        assert refused.exit_code == 6 and "CONDUIT_REDIS_URL" in refused.output, refused.output
        assert "Traceback" not in refused.output
        # Refused, not delayed: nothing changed, and the token works as it did.
        assert (await api.client.get("/api/user", headers=api.auth(token))).status_code == 200

    done = await conduit(
        database_url,
        tmp_path,
        "users",
        *command,
        CONDUIT_REDIS_URL=redis_url,
        CONDUIT_CACHE_PREFIX=cache_prefix,
    )
    assert done.exit_code == 0, done.output
    assert (await api.client.get("/api/user", headers=api.auth(token))).status_code == 401


async def test_cache_entries_never_answer_for_another_database(tmp_path, redis_url, cache_prefix) -> None:
    """Two deployments on one Redis and prefix (or a database recreated): each sees its own data,
    even where the second one never wrote anything that would invalidate the first one's entries."""
    bios = []
    for name in ("first", "second"):
        url = f"sqlite:///{tmp_path / name}.db"
        await asyncio.to_thread(Migrations(url).upgrade)
        settings = app_settings(url, tmp_path / name, redis_url=redis_url, cache_prefix=cache_prefix)
        async with AsyncTestClient(app=create_app(build_container(settings))) as client:
            api = Api(client)
            token = (await api.register("jake"))["token"]
            if name == "first":
                bio = {"user": {"bio": "the first jake"}}
                assert (await client.put("/api/user", json=bio, headers=api.auth(token))).status_code == 200
            for _ in range(2):
                bios.append((await api.get("/api/profiles/jake"))["profile"]["bio"])
    assert bios == ["the first jake", "the first jake", "", ""]


@pytest.fixture
async def strict_reauth(database_url, tmp_path) -> AsyncIterator[Api]:
    """No re-authentication window: every e-mail or password change needs the current password."""
    settings = app_settings(database_url, tmp_path, reauth_window_seconds=0)
    async with AsyncTestClient(app=create_app(build_container(settings))) as client:
        yield Api(client)


async def test_a_stolen_token_alone_cannot_change_the_password_or_email(strict_reauth: Api) -> None:
    api = strict_reauth
    token = (await api.register("jake"))["token"]
    for change in ({"password": "a brand new passphrase"}, {"email": "thief@example.com"}):
        refused = await api.client.put("/api/user", json={"user": change}, headers=api.auth(token))
        assert refused.status_code == 403
        assert "currentPassword" in refused.json()["errors"]["body"][0]
    wrong = {"password": "a brand new passphrase", "currentPassword": "not my password"}
    assert (
        await api.client.put("/api/user", json={"user": wrong}, headers=api.auth(token))
    ).status_code == 403
    profile_only = await api.client.put("/api/user", json={"user": {"bio": "hi"}}, headers=api.auth(token))
    assert profile_only.status_code == 200  # other fields need no re-authentication

    other_device = await log_in(api)
    right = {"password": "a brand new passphrase", "currentPassword": "wooden-spoon-88"}
    changed = await api.client.put("/api/user", json={"user": right}, headers=api.auth(token))
    assert changed.status_code == 200
    assert (await api.client.get("/api/user", headers=api.auth(other_device))).status_code == 401
    assert (
        await api.client.get("/api/user", headers=api.auth(changed.json()["user"]["token"]))
    ).status_code == 200


async def test_a_fresh_login_may_change_the_password_without_repeating_it(api: Api) -> None:
    """Within CONDUIT_REAUTH_WINDOW_SECONDS of the login (RealWorld front ends do not ask again)."""
    token = (await api.register("jake"))["token"]
    changed = await api.client.put(
        "/api/user", json={"user": {"password": "a brand new passphrase"}}, headers=api.auth(token)
    )
    assert changed.status_code == 200
    common = await api.client.put(
        "/api/user",
        json={"user": {"password": "password1"}},
        headers=api.auth(changed.json()["user"]["token"]),
    )
    assert common.status_code == 422 and "most common passwords" in common.json()["errors"]["password"][0]
