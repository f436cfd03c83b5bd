"""The `conduit` command through click's runner, against SQLite and PostgreSQL."""

import json

import pytest
from click.testing import CliRunner

from entrypoints.cli.main import cli
from tests.conftest import CHEAP_HASHING, TEST_SECRET


@pytest.fixture
def run(database_url: str, tmp_path, monkeypatch):
    monkeypatch.setenv("CONDUIT_DATABASE_URL", database_url)
    monkeypatch.setenv("CONDUIT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CONDUIT_SECRET_KEY", TEST_SECRET)
    monkeypatch.delenv("CONDUIT_REDIS_URL", raising=False)
    for name, value in CHEAP_HASHING.items():
        monkeypatch.setenv(f"CONDUIT_{name.upper()}", str(value))

    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(cli, list(args), input=input)

    return invoke


def ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.output


def make_user(run, name: str, *extra: str) -> None:
    ok(run("users", "create", name, "--email", f"{name}@example.com", "--password", "correct horse", *extra))


def test_users_create_and_list(run) -> None:
    assert "created user jake" in ok(
        run("users", "create", "jake", "--email", "jake@example.com", "--password", "correct horse")
    )
    listed = ok(run("users", "list"))
    assert "jake@example.com" in listed and "1 users" in listed and "more with" not in listed
    as_json = json.loads(ok(run("users", "list", "--json")))
    assert as_json["has_next"] is False and as_json["users"][0]["username"] == "jake"
    assert as_json["users"][0]["role"] == "user" and as_json["users"][0]["banned"] is False


@pytest.fixture
def terminal(monkeypatch) -> None:
    """click's runner feeds `input` to the prompts; say there is a terminal to prompt on."""
    monkeypatch.setattr("entrypoints.cli.passwords.has_terminal", lambda: True)


def test_password_is_prompted_hidden_and_confirmed(run, terminal) -> None:
    result = run(
        "users", "create", "anna", "--email", "anna@example.com", input="long password\nlong password\n"
    )
    assert "long password" not in ok(result)


def test_an_invalid_password_is_asked_again_before_any_confirmation(run, terminal) -> None:
    typed = "short\nlong password\nother password\nlong password\nlong password\n"
    result = run("users", "create", "anna", "--email", "anna@example.com", input=typed)
    assert "created user anna" in ok(result)
    assert result.output.count("Repeat for confirmation") == 2  # not after "short"
    assert "password is too short (minimum is 8 characters); try again" in result.output
    assert "the two entries do not match; try again" in result.output
    login = run("users", "set-password", "anna", "--password-stdin", input="short\n")
    assert login.exit_code == 3 and "too short" in login.output


def test_three_invalid_passwords_give_up_with_exit_3(run, terminal) -> None:
    result = run("users", "create", "anna", "--email", "anna@example.com", input="a\nb\nc\n")
    assert result.exit_code == 3 and "no valid password after 3 attempts" in result.output


def test_without_a_terminal_the_password_comes_from_stdin(run) -> None:
    prompted = run("users", "create", "anna", "--email", "anna@example.com", input="")
    assert prompted.exit_code == 2 and prompted.output == (
        "error: no terminal to ask for the password: pipe it in with --password-stdin\n"
    )
    assert "Warning" not in prompted.output and "getpass" not in prompted.output
    piped = run(
        "users", "create", "anna", "--email", "a@example.com", "--password-stdin", input="long password\n"
    )
    assert "created user anna" in ok(piped)
    changed = run("users", "set-password", "anna", "--password-stdin", input="a new password\n")
    assert "sessions ended" in ok(changed)
    both = run("users", "set-password", "anna", "--password", "x", "--password-stdin", input="y\n")
    assert both.exit_code == 2 and "not both" in both.output


def test_roles_bans_and_the_audit_log(run) -> None:
    make_user(run, "jake")
    make_user(run, "anna", "--role", "moderator")
    assert "jake is now admin" in ok(run("users", "set-role", "jake", "admin", "--reason", "founder"))
    ok(run("users", "ban", "anna", "--reason", "spam", "--yes"))
    shown = json.loads(ok(run("users", "show", "anna", "--json")))
    assert shown["banned"] is True and shown["ban_reason"] == "spam" and "password_hash" not in shown
    assert [u["username"] for u in json.loads(ok(run("users", "list", "--banned", "--json")))["users"]] == [
        "anna"
    ]
    assert [
        u["username"] for u in json.loads(ok(run("users", "list", "--role", "admin", "--json")))["users"]
    ] == ["jake"]
    ok(run("users", "unban", "anna"))
    ok(run("users", "logout", "jake", "--reason", "lost phone"))
    ok(run("users", "set-password", "jake", "--password", "a new password"))
    entries = json.loads(ok(run("audit", "list", "--json")))["entries"]
    assert [e["action"] for e in entries] == [
        "user.set-password",
        "user.logout",
        "user.unban",
        "user.ban",
        "user.set-role",
        "user.create",
        "user.create",
    ]
    assert entries[3]["target"] == "user:anna" and entries[3]["reason"] == "spam"
    assert [(e["target"], e["reason"]) for e in entries[-2:]] == [
        ("user:anna", "role moderator"),  # created with its role: one entry, not a role change
        ("user:jake", "role user"),
    ]
    assert entries[0]["actor"].startswith("cli:")
    only_bans = json.loads(ok(run("audit", "list", "--action", "user.ban", "--json")))
    assert len(only_bans["entries"]) == 1 and not only_bans["has_next"]
    assert "more with --offset 1" in ok(run("audit", "list", "--limit", "1"))
    assert "user.ban" in ok(run("audit", "list"))


def test_destructive_commands_confirm_unless_yes(run) -> None:
    make_user(run, "jake")
    refused = run("users", "delete", "jake", input="n\n")
    assert refused.exit_code == 1 and "aborted" in refused.output
    assert len(json.loads(ok(run("users", "list", "--json")))["users"]) == 1
    ok(run("users", "delete", "jake", "--yes", "--reason", "requested"))
    assert json.loads(ok(run("users", "list", "--json")))["users"] == []


def test_seed_stats_and_content_moderation(run) -> None:
    assert "seeded 5 users, 12 articles" in ok(run("seed", "--users", "5", "--articles", "12", "--seed", "3"))
    stats = json.loads(ok(run("stats", "--json")))
    assert stats["users"] == 5 and stats["articles"] == 12 and stats["tags"] >= 1
    assert "articles" in ok(run("stats"))
    listing = json.loads(ok(run("articles", "list", "--limit", "100", "--json")))
    assert listing["total"] == 12
    slug = listing["articles"][0]["slug"]
    assert slug in ok(run("articles", "list"))
    shown = ok(run("articles", "show", slug))
    assert listing["articles"][0]["title"] in shown
    tags = json.loads(ok(run("tags", "list", "--json")))["tags"]
    assert tags and all(isinstance(t, str) for t in tags)
    listed = run("tags", "list")
    assert listed.stdout.splitlines()[-1] == f"{len(tags)} tags" and listed.stderr == ""  # like the others
    ok(run("articles", "delete", slug, "--reason", "spam", "--yes"))
    assert json.loads(ok(run("stats", "--json")))["articles"] == 11
    entry = json.loads(ok(run("audit", "list", "--json")))["entries"][0]
    assert (entry["action"], entry["target"], entry["reason"]) == (
        "article.delete",
        f"article:{slug}",
        "spam",
    )


def test_article_search_and_daily_stats(run) -> None:
    ok(run("seed", "--users", "4", "--articles", "8", "--seed", "2"))
    everything = json.loads(ok(run("articles", "search", "--limit", "5", "--json")))
    assert len(everything["articles"]) == 5 and everything["has_next"]
    first = everything["articles"][0]
    by_author = json.loads(ok(run("articles", "search", "--author", first["author"].upper(), "--json")))
    assert first["slug"] in [a["slug"] for a in by_author["articles"]]
    assert {a["author"] for a in by_author["articles"]} == {first["author"]}
    word = max(first["title"].split(), key=len).upper()  # a title search takes 3 characters or more
    assert first["slug"] in ok(run("articles", "search", "--title", word, "--limit", "100"))
    for name in ("ann", "bob"):  # seeded accounts date from before the seeded articles: sign up two today
        ok(run("users", "create", name, "--email", f"{name}@example.com", "--password", "quiet-harbor-7"))
    daily = json.loads(ok(run("stats", "--days", "3", "--json")))
    assert [d["signups"] for d in daily["days"]][-1] == 2 and len(daily["days"]) == 3
    assert "SIGN-UPS" in ok(run("stats", "--days", "2"))


def test_comment_moderation(run) -> None:
    ok(run("seed", "--users", "4", "--articles", "8", "--seed", "1"))
    slugs = [
        a["slug"] for a in json.loads(ok(run("articles", "list", "--json", "--limit", "100")))["articles"]
    ]
    commented = [
        (slug, json.loads(ok(run("comments", "list", slug, "--json")))["comments"]) for slug in slugs
    ]
    slug, comments = next((slug, found) for slug, found in commented if found)
    assert str(comments[0]["id"]) in ok(run("comments", "list", slug))
    ok(run("comments", "delete", slug, str(comments[0]["id"]), "--reason", "abuse", "--yes"))
    left = json.loads(ok(run("comments", "list", slug, "--json")))["comments"]
    assert [c["id"] for c in left] == [c["id"] for c in comments[1:]]
    entry = json.loads(ok(run("audit", "list", "--json")))["entries"][0]
    assert (entry["action"], entry["target"]) == ("comment.delete", f"comment:{comments[0]['id']}")
    missing = run("comments", "delete", slug, "999999", "--yes")
    assert missing.exit_code == 4 and "comment not found" in missing.output


def test_check_passes_on_a_migrated_database(run) -> None:
    output = ok(run("check"))
    assert "[ok  ] database: reachable" in output and "migrations: at the newest revision" in output


def test_check_lists_every_exposed_surface_and_the_trusted_proxies(run, monkeypatch) -> None:
    monkeypatch.setenv("CONDUIT_ENV", "production")
    monkeypatch.setenv("CONDUIT_SECRET_KEY", "Qm7vX2pL9sKd4TzR8wYc1NfH6jBe3GuA")
    monkeypatch.setenv("CONDUIT_TRUSTED_PROXIES", "10.0.0.0/8")
    output = ok(run("check"))
    assert "[ok  ] surface /docs: off" in output and "[ok  ] surface /metrics: off" in output
    assert "surface /health: on" in output and "X-Forwarded-For believed from 10.0.0.0/8" in output
    monkeypatch.setenv("CONDUIT_METRICS_ENABLED", "true")
    assert "[warn] surface /metrics: on" in ok(run("check"))


def test_check_fails_on_an_unmigrated_database(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CONDUIT_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    result = run("check")
    assert (
        result.exit_code == 8
        and "[FAIL] migrations" in result.output
        and "conduit db upgrade" in result.output
    )


def test_check_fails_without_a_database_or_a_sound_config(run, monkeypatch) -> None:
    monkeypatch.setenv("CONDUIT_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    down = run("check")
    assert down.exit_code == 8 and "[FAIL] database" in down.output
    monkeypatch.setenv("CONDUIT_ENV", "production")
    monkeypatch.setenv("CONDUIT_SECRET_KEY", "short")
    weak = run("check")
    assert weak.exit_code == 8 and "[FAIL] configuration" in weak.output and "SECRET_KEY" in weak.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["users", "create", "x y", "--email", "bad", "--password", "short"], 3, "error: username"),
        (["users", "list", "--limit", "0"], 3, "limit must be between"),
        (["users", "show", "nobody"], 4, "user not found"),
        (["users", "ban", "nobody", "--reason", "x", "--yes"], 4, "user not found"),
        (["articles", "show", "nope"], 4, "article not found"),
        (["articles", "delete", "nope", "--yes"], 4, "article not found"),
    ],
)
def test_errors_are_one_line_with_a_documented_exit_code(run, args, code, message) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert message in result.output and "Traceback" not in result.output


def test_duplicate_user_exits_3(run) -> None:
    make_user(run, "jake")
    again = run("users", "create", "jake", "--email", "jake@example.com", "--password", "correct horse")
    assert again.exit_code == 3 and "has already been taken" in again.output


def test_db_commands(run) -> None:
    assert "up to date" in ok(run("db", "current"))
    assert json.loads(ok(run("db", "current", "--json")))["up_to_date"] is True
    assert "create users" in ok(run("db", "history"))
    ok(run("db", "upgrade"))


def test_configuration_errors_exit_7(run, monkeypatch) -> None:
    monkeypatch.setenv("CONDUIT_TOKEN_TTL_SECONDS", "soon")
    result = run("users", "list")
    assert result.exit_code == 7 and "CONDUIT_TOKEN_TTL_SECONDS" in result.output


def test_unreachable_database_exits_6(run, monkeypatch) -> None:
    monkeypatch.setenv("CONDUIT_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    result = run("users", "list")
    assert result.exit_code == 6 and "unavailable" in result.output


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["users"],
        ["users", "ban"],
        ["articles", "delete"],
        ["comments", "delete"],
        ["audit", "list"],
        ["seed"],
        ["check"],
        ["db"],
        ["serve"],
        ["stats"],
        ["tags", "list"],
    ],
)
def test_help_everywhere(run, command) -> None:
    output = ok(run(*command, "--help"))
    assert "Usage:" in output


def test_cache_stats_and_clear_on_redis(run, monkeypatch, database_url, tmp_path) -> None:
    import asyncio
    import uuid

    import sqlalchemy as sa

    from adapters.persistence.engine import make_engine
    from entrypoints.python_api import Conduit
    from tests.conftest import service_url

    prefix = f"conduit-test-{uuid.uuid4().hex}:"
    monkeypatch.setenv("CONDUIT_REDIS_URL", service_url("REDIS"))
    monkeypatch.setenv("CONDUIT_CACHE_PREFIX", prefix)
    make_user(run, "jake")

    async def scenario() -> tuple[str, str]:
        async with Conduit.open() as conduit:
            jake = await conduit.authenticate(
                (await conduit.log_in(email="jake@example.com", password="correct horse")).token
            )
            await conduit.create_article(author_id=jake.id, title="Cached", description="d", body="old body")
            await conduit.get_article("cached")  # now cached
            engine = make_engine(database_url)  # change the row behind the cache's back
            async with engine.begin() as connection:
                await connection.execute(
                    sa.text("UPDATE articles SET body = 'new body' WHERE slug = 'cached'")
                )
            await engine.dispose()
            before = (await conduit.get_article("cached")).body
            cleared = ok(await asyncio.to_thread(run, "cache", "clear", "--yes"))
            assert "stored entries are unreachable now" in cleared
            return before, (await conduit.get_article("cached")).body

    assert asyncio.run(scenario()) == ("old body", "new body")
    stats = json.loads(ok(run("cache", "stats", "--json")))
    assert stats["backend"] == "redis" and stats["shared"] is True and stats["entries"] >= 1
    assert "also those `conduit cache clear` made unreachable" in ok(run("cache", "stats"))


def test_cache_commands_explain_the_in_process_cache(run) -> None:
    assert "in-process" in ok(run("cache", "stats"))
    assert "nothing shared to clear" in ok(run("cache", "clear", "--yes"))


def test_db_downgrade_and_upgrade_on_a_scratch_database(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CONDUIT_DATABASE_URL", f"sqlite:///{tmp_path / 'scratch.db'}")
    ok(run("db", "upgrade"))
    head = json.loads(ok(run("db", "current", "--json")))["head"]
    ok(run("db", "downgrade"))
    behind = json.loads(ok(run("db", "current", "--json")))
    assert behind["up_to_date"] is False and behind["current"] != head
    ok(run("db", "downgrade", "base"))
    assert json.loads(ok(run("db", "current", "--json")))["current"] is None
    ok(run("db", "upgrade"))
    assert json.loads(ok(run("db", "current", "--json")))["current"] == head


def test_a_database_migrated_by_a_newer_version_is_named_so(run, database_url) -> None:
    import asyncio

    import sqlalchemy as sa

    from adapters.persistence.engine import make_engine

    async def stamp(revision: str) -> None:
        engine = make_engine(database_url)
        async with engine.begin() as connection:
            await connection.execute(sa.text("UPDATE alembic_version SET version_num = :v"), {"v": revision})
        await engine.dispose()

    head = json.loads(ok(run("db", "current", "--json")))["head"]
    asyncio.run(stamp("f00dfeed1234"))  # a migration from the future
    try:
        checked = run("check")
        assert checked.exit_code == 8 and "a newer Conduit migrated the database" in checked.output
        assert "a newer Conduit migrated" in ok(run("db", "current"))
        upgraded = run("db", "upgrade")
        assert upgraded.exit_code == 6 and upgraded.output.count("\n") == 1
        assert "f00dfeed1234" in upgraded.output and "newer Conduit" in upgraded.output
    finally:
        asyncio.run(stamp(head))


def test_db_recount_reports_drift_and_fixes_it(run, database_url) -> None:
    import asyncio

    import sqlalchemy as sa

    from adapters.persistence.engine import make_engine

    ok(run("seed", "--users", "4", "--articles", "6"))
    assert "no drift" in ok(run("db", "recount"))  # the use cases kept every count exact

    async def corrupt() -> None:
        engine = make_engine(database_url)
        async with engine.begin() as connection:
            for statement in (
                "UPDATE articles SET favorites_count = favorites_count + 7 WHERE id IN (1, 2)",
                "UPDATE users SET articles_count = 99 WHERE id = 1",
                "UPDATE tags SET articles_count = 0",
                "DELETE FROM counters",
                "UPDATE favorites SET article_created_at = '2001-01-01 00:00:00+00'",
            ):
                await connection.execute(sa.text(statement))
        await engine.dispose()

    asyncio.run(corrupt())
    checked = json.loads(ok(run("db", "recount", "--check", "--json")))
    drift = checked["drift"]
    assert checked["fixed"] is False
    assert drift["articles.favorites_count"] == 2 and drift["users.articles_count"] == 1
    assert drift["tags.articles_count"] > 0 and drift["counters.articles"] == 1
    assert drift["favorites.article_created_at"] > 0
    assert drift["users.favorites_count"] == 0 and drift["article_tags.created_at"] == 0
    assert (
        json.loads(ok(run("db", "recount", "--check", "--json")))["drift"] == drift
    )  # --check wrote nothing

    fixed = ok(run("db", "recount"))
    assert f"{checked['total']} wrong (fixed)" in fixed
    assert json.loads(ok(run("db", "recount", "--json")))["total"] == 0
    assert json.loads(ok(run("stats", "--json")))["articles"] == 6
