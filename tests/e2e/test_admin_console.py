"""The admin console through HTTP, on SQLite and PostgreSQL: sign-in, every page and action, refusals,
CSRF, audit rows, and the cache seeing console actions at once."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from adapters.persistence.engine import make_engine
from core.articles import CreateArticleCommand
from core.comments import AddCommentCommand
from entrypoints.admin import session
from entrypoints.container import aclose, build_container
from entrypoints.http.app import create_app
from tests.conftest import empty_database
from tests.e2e.admin_console import OPERATOR, STAFF_PASSWORD, Console
from tests.e2e.conftest import app_settings
from tests.e2e.test_efficiency import SEQ_SCAN, StatementLog


@pytest.fixture(params=["memory", "redis"])
def console_settings(request: pytest.FixtureRequest, database_url: str, tmp_path, cache_prefix: str):
    """The in-process cache, and Redis (where account state is cached and shared between processes)."""
    redis_url = request.getfixturevalue("redis_url") if request.param == "redis" else None
    return app_settings(
        database_url,
        tmp_path,
        redis_url=redis_url,
        cache_prefix=cache_prefix,
        login_max_failures_per_account=3,
    )


@pytest.fixture
async def console(console_settings) -> AsyncIterator[Console]:
    """The server, and apart from it, as another process would be, the operator's own container
    (set-up, and checks of what the console changed, as the CLI would do them)."""
    operator = build_container(console_settings)
    try:
        async with AsyncTestClient(app=create_app(build_container(console_settings))) as client:
            yield Console(client, operator)
    finally:
        await aclose(operator)


@pytest.fixture
def sqlite_console_settings(sqlite_url: str, tmp_path, cache_prefix: str):
    return app_settings(sqlite_url, tmp_path, cache_prefix=cache_prefix)


async def an_article(console: Console, author: str, title: str, tags: list[str] | None = None) -> str:
    author_id = (await console.container.users.authenticate().execute(await console.account(author))).id
    article = await console.container.articles.create_article().execute(
        CreateArticleCommand(author_id=author_id, title=title, description="d", body="b", tags=tags or [])
    )
    return article.slug


async def test_every_page_needs_a_console_session(console: Console) -> None:
    for path in [
        "/admin",
        "/admin/users",
        "/admin/users/x",
        "/admin/articles",
        "/admin/audit",
        "/admin/cache",
    ]:
        response = await console.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/admin/login?next=%2Fadmin")


async def test_pages_carry_a_strict_policy_no_caching_and_a_safe_cookie(console: Console) -> None:
    await console.account("root", "admin")
    page = await console.get("/admin/login")
    assert "script-src" not in page.headers["content-security-policy"]
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store" and page.headers["x-frame-options"] == "DENY"
    assert "<script" not in page.text and 'for="email"' in page.text and 'for="password"' in page.text
    signed_in = await console.sign_in("root")
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/admin"
    cookie = next(c for c in signed_in.headers.get_list("set-cookie") if c.startswith(session.COOKIE))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/admin" in cookie
    assert "Secure" not in cookie  # plain HTTP in development
    css = await console.get("/admin/static/admin.css")
    assert css.status_code == 200 and "http" not in css.text  # every asset is local


async def test_plain_users_banned_accounts_and_wrong_passwords_are_refused_at_sign_in(
    console: Console,
) -> None:
    await console.account("joe")
    refused = await console.sign_in("joe")
    assert refused.status_code == 403 and "for moderators and administrators" in refused.text
    assert (await console.get("/admin")).status_code == 303  # no session was opened
    await console.account("mod", "moderator")
    await console.container.users.ban_user().execute(OPERATOR, "mod", "spam")
    banned = await console.sign_in("mod")
    assert banned.status_code == 403 and "banned" in banned.text
    wrong = await console.sign_in("joe", "not the password")
    assert wrong.status_code == 401


async def test_sign_in_shares_the_api_login_throttle(console: Console) -> None:
    await console.account("root", "admin")
    for _ in range(3):  # login_max_failures_per_account=3, counted by the API
        body = {"user": {"email": console.email("root"), "password": "wrong password"}}
        assert (await console.client.post("/api/users/login", json=body)).status_code == 401
    throttled = await console.sign_in("root")
    assert throttled.status_code == 429 and "try again later" in throttled.text
    assert int(throttled.headers["retry-after"]) > 0


async def test_an_admin_finds_a_user_and_bans_them_the_api_token_stops_at_once(console: Console) -> None:
    await console.account("root", "admin")
    jake_token = await console.account("jake")
    await console.account("jane")
    assert (
        await console.client.get("/api/user", headers={"Authorization": f"Token {jake_token}"})
    ).status_code == 200
    await console.sign_in("root")

    dashboard = await console.get("/admin")
    assert dashboard.status_code == 200 and "Users</dt><dd>3</dd>" in dashboard.text
    assert (
        datetime.now(UTC).date().isoformat() in dashboard.text
        and 'database</dt><dd class="ok">ok' in dashboard.text
    )
    assert (
        'redis</dt><dd class="ok">ok' if console.container.settings().redis_url else "in-process"
    ) in dashboard.text
    found = await console.get("/admin/users?q=JAK")
    assert "/admin/users/jake" in found.text and "/admin/users/jane" not in found.text
    assert "/admin/users/root" in (await console.get("/admin/users?role=admin")).text
    page = await console.get("/admin/users/jake")
    for label in ["Change role", "Ban", "End all sessions", "Delete account"]:
        assert label in page.text
    confirm = await console.get("/admin/users/jake/ban")
    assert (
        confirm.status_code == 200
        and 'name="reason"' in confirm.text
        and 'action="/admin/users/jake/ban"' in confirm.text
    )

    banned = await console.post("/admin/users/jake/ban", reason="spam links")
    assert banned.status_code == 303 and banned.headers["location"] == "/admin/users/jake?done=ban"
    assert ("root", "user.ban", "user:jake", "spam links") in await console.audit()
    refused = await console.client.get("/api/user", headers={"Authorization": f"Token {jake_token}"})
    assert refused.status_code == 401  # the very next API request, through the same cache
    assert "banned" in (await console.get("/admin/users?banned=yes")).text


async def test_admin_actions_role_unban_logout_delete_are_audited(console: Console) -> None:
    await console.account("root", "admin")
    token = await console.account("jake")
    await console.sign_in("root")
    assert (
        await console.post("/admin/users/jake/role", role="moderator", reason="trusted")
    ).status_code == 303
    assert (await console.container.users.show_user().execute(OPERATOR, "jake")).role == "moderator"
    assert (await console.post("/admin/users/jake/logout", reason="lost laptop")).status_code == 303
    assert (
        await console.client.get("/api/user", headers={"Authorization": f"Token {token}"})
    ).status_code == 401
    await console.post("/admin/users/jake/ban", reason="spam")
    await console.post("/admin/users/jake/unban", reason="appeal")
    deleted = await console.post("/admin/users/jake/delete", reason="asked to")
    assert deleted.status_code == 303 and deleted.headers["location"] == "/admin/users?done=delete"
    assert (await console.get("/admin/users/jake")).status_code == 404
    actions = [
        (action, reason) for _, action, target, reason in await console.audit() if target == "user:jake"
    ]
    assert actions == [
        ("user.delete", "asked to"),
        ("user.unban", "appeal"),
        ("user.ban", "spam"),
        ("user.logout", "lost laptop"),
        ("user.set-role", "trusted"),
    ]
    audit_page = await console.get("/admin/audit?target=user%3Ajake&action=user.")
    assert audit_page.text.count("user:jake") >= 5


async def test_a_moderator_cannot_change_roles_delete_users_or_touch_the_cache(console: Console) -> None:
    await console.account("mod", "moderator")
    await console.account("jake")
    await console.account("root", "admin")
    await console.sign_in("mod")
    page = await console.get("/admin/users/jake")
    assert "Ban" in page.text and "End all sessions" in page.text
    assert "Change role" not in page.text and "Delete account" not in page.text
    assert "/admin/cache" not in page.text  # not in the navigation
    before = await console.audit()
    for path in ["/admin/users/jake/role", "/admin/users/jake/delete", "/admin/users/root/ban"]:
        assert (await console.get(path)).status_code == 403, path
        assert (await console.post(path, role="admin", reason="x")).status_code == 403, path
    assert (await console.get("/admin/cache")).status_code == 403
    assert (await console.post("/admin/cache/clear")).status_code == 403
    assert await console.audit() == before  # nothing happened
    assert (await console.container.users.show_user().execute(OPERATOR, "jake")).role == "user"
    assert "Change role" not in (await console.get("/admin/users/root")).text


async def test_a_moderator_deletes_an_article_and_a_comment_with_a_reason(console: Console) -> None:
    await console.account("mod", "moderator")
    slug = await an_article(console, "jake", "Buy cheap watches", ["spam"])
    await an_article(console, "jane", "Dragons", ["fantasy"])
    commenter = (await console.container.users.authenticate().execute(await console.account("joe"))).id
    comment = await console.container.comments.add_comment().execute(
        AddCommentCommand(slug="dragons", author_id=commenter, body="first!")
    )
    await console.sign_in("mod")
    for query in ["title=WATCHES", "author=Jake", "tag=spam"]:
        listed = await console.get(f"/admin/articles?{query}")
        assert f"/admin/articles/{slug}" in listed.text and "/admin/articles/dragons" not in listed.text, (
            query
        )
    assert "first!" in (await console.get("/admin/articles/dragons")).text
    assert 'name="reason"' in (await console.get(f"/admin/articles/{slug}/delete")).text

    deleted = await console.post(f"/admin/articles/{slug}/delete", reason="advertising")
    assert deleted.status_code == 303
    assert (await console.client.get(f"/api/articles/{slug}")).status_code == 404
    path = f"/admin/articles/dragons/comments/{comment.id}/delete"
    assert "first!" in (await console.get(path)).text
    assert (await console.post(path, reason="noise")).status_code == 303
    assert (await console.client.get("/api/articles/dragons/comments")).json()["comments"] == []
    log = await console.get("/admin/audit?actor=mod")
    assert f"article:{slug}" in log.text and "advertising" in log.text and "noise" in log.text


async def test_a_form_without_a_valid_csrf_token_is_refused_and_changes_nothing(console: Console) -> None:
    await console.account("root", "admin")
    await console.account("jake")
    await console.sign_in("root")
    for token in [None, "forged"]:
        form = {"reason": "spam"} | ({"_csrf_token": token} if token else {})
        response = await console.client.post("/admin/users/jake/ban", data=form, follow_redirects=False)
        assert response.status_code == 403
    assert not (await console.container.users.show_user().execute(OPERATOR, "jake")).banned
    assert [a for a in await console.audit() if a[1] == "user.ban"] == []
    # The JSON API takes no CSRF token: it authenticates with a header, not a cookie.
    body = {"user": {"username": "anna", "email": "anna@example.com", "password": STAFF_PASSWORD}}
    assert (await console.client.post("/api/users", json=body)).status_code == 201


async def test_ban_password_change_role_change_and_logout_end_console_sessions(console: Console) -> None:
    await console.account("root", "admin")
    await console.account("mod", "moderator")
    await console.sign_in("mod")
    assert (await console.get("/admin")).status_code == 200
    await console.container.users.force_logout().execute(OPERATOR, "mod", "test")
    assert (await console.get("/admin")).status_code == 303  # forced logout: the session ended
    await console.sign_in("mod")
    await console.container.users.set_role().execute(OPERATOR, "mod", "admin", "promoted")
    assert (await console.get("/admin")).status_code == 303  # role changed: sign in again
    await console.sign_in("mod")
    await console.container.users.set_password().execute(OPERATOR, "mod", "a brand new password")
    assert (await console.get("/admin")).status_code == 303
    await console.sign_in("mod", "a brand new password")
    assert (await console.post("/admin/logout")).status_code == 303
    assert (await console.get("/admin")).status_code == 303


async def test_a_console_sign_in_is_one_of_the_users_sessions_and_logout_ends_it(console: Console) -> None:
    token = await console.account("mod", "moderator")

    async def sessions() -> set[str]:
        answer = await console.client.get("/api/user/sessions", headers={"Authorization": f"Token {token}"})
        assert answer.status_code == 200, answer.text
        return {s["id"] for s in answer.json()["sessions"]}

    before = await sessions()
    await console.sign_in("mod")
    assert len(opened := await sessions() - before) == 1  # the console's, listed with the others
    assert (await console.post("/admin/logout")).status_code == 303
    assert await sessions() == before  # ended in the core, not only forgotten by the browser
    assert opened


async def test_idle_and_absolute_timeouts_end_a_session(console: Console, monkeypatch) -> None:
    settings = console.container.settings()
    await console.account("root", "admin")
    start = 1_000_000.0
    clock = SimpleNamespace(time=lambda: start)
    monkeypatch.setattr(session, "time", clock)
    await console.sign_in("root")
    for step in range(1, 4):  # active every half idle period: still signed in
        clock.time = lambda step=step: start + step * settings.admin_idle_timeout_seconds / 2
        assert (await console.get("/admin/audit")).status_code == 200
    clock.time = lambda: start + 5 * settings.admin_idle_timeout_seconds / 2  # idle too long
    assert (await console.get("/admin/audit")).status_code == 303
    await console.sign_in("root")
    clock.time = lambda: (
        start + 5 * settings.admin_idle_timeout_seconds / 2 + settings.admin_session_max_seconds
    )
    assert (await console.get("/admin/audit")).status_code == 303


async def test_lists_page_with_a_next_link_and_bad_input_is_an_error_page(console: Console) -> None:
    await console.account("root", "admin")
    for number in range(25):  # 26 accounts with root: one more than a page
        await console.account(f"user{number:02}")
    await console.sign_in("root")
    first = await console.get("/admin/users")
    assert 'rel="next"' in first.text and "user23" in first.text and "user24" not in first.text
    second = await console.get("/admin/users?page=2")
    assert "user24" in second.text and 'rel="next"' not in second.text and 'rel="prev"' in second.text
    assert (await console.get("/admin/users?page=abc")).status_code == 400
    assert (await console.get("/admin/users/nobody")).status_code == 404
    assert (await console.get("/admin/users/user01/promote")).status_code == 404


async def test_an_admin_sees_and_clears_the_cache(console: Console) -> None:
    await console.account("root", "admin")
    await console.sign_in("root")
    page = await console.get("/admin/cache")
    assert page.status_code == 200 and ("redis" in page.text or "in-process" in page.text)
    cleared = await console.post("/admin/cache/clear")
    assert cleared.status_code == 303 and cleared.headers["location"] == "/admin/cache?done=clear"


async def test_next_only_leads_inside_the_console(console: Console) -> None:
    await console.account("root", "admin")
    response = await console.post(
        "/admin/login", email=console.email("root"), password=STAFF_PASSWORD, next="//evil.example/admin"
    )
    assert response.headers["location"] == "/admin"
    await console.post("/admin/logout")
    response = await console.post(
        "/admin/login", email=console.email("root"), password=STAFF_PASSWORD, next="/admin/audit?target=x"
    )
    assert response.headers["location"] == "/admin/audit?target=x"


async def test_secure_cookies_over_https_and_in_production(sqlite_console_settings) -> None:
    for settings, base in [
        (sqlite_console_settings, "https://testserver.local"),
        (msgspec_replace(sqlite_console_settings, env="production"), "http://testserver.local"),
    ]:
        container = build_container(settings)
        try:
            async with AsyncTestClient(app=create_app(container), base_url=base) as client:
                page = await client.get("/admin/login")
                assert all("Secure" in c for c in page.headers.get_list("set-cookie")), page.headers
                assert page.headers.get_list("set-cookie")
        finally:
            await aclose(container)


def msgspec_replace(settings, **changes):
    import msgspec

    return msgspec.structs.replace(settings, **changes)


async def test_console_queries_find_an_index_on_postgres(
    postgres_url: str, tmp_path, cache_prefix: str
) -> None:
    """With sequential scans discouraged, every table access of every console page must find an index
    (the dashboard's whole-table counts included: they are kept CONDUIT_STATS_TTL_SECONDS anyway)."""
    await empty_database(postgres_url)
    settings = app_settings(postgres_url, tmp_path, cache_prefix=cache_prefix)
    server, operator = build_container(settings), build_container(settings)
    log = StatementLog()
    sa.event.listen(server.infra.engine().sync_engine, "before_cursor_execute", log)
    try:
        async with AsyncTestClient(app=create_app(server)) as client:
            console = Console(client, operator)
            await console.account("root", "admin")
            slug = await an_article(console, "jake", "Dragons", ["fantasy"])
            await console.sign_in("root")
            log.statements.clear()
            for path in [
                "/admin",
                "/admin/users?q=ja&role=user&banned=no",
                "/admin/users/jake",
                "/admin/articles?title=drag&author=jake&tag=fantasy",
                f"/admin/articles/{slug}",
                "/admin/audit?actor=root&action=user.&target=user%3Ajake",
            ]:
                assert (await console.get(path)).status_code == 200, path
    finally:
        await aclose(operator)
    selects = [(s, p) for s, p in log.statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) > 10
    explainer = make_engine(postgres_url)
    try:
        async with explainer.connect() as connection:
            await connection.exec_driver_sql("SET enable_seqscan = off")
            for statement, parameters in selects:
                plan = "\n".join(
                    row[0] for row in await connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
                )
                assert SEQ_SCAN.search(plan) is None, f"{statement}\n{plan}"
    finally:
        await explainer.dispose()
