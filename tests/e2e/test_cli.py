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
    for name, value in CHEAP_HASHING.items():
        monkeypatch.setenv(f"CONDUIT_{name.upper()}", str(value))

    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(cli, list(args), input=input)

    return invoke


def test_users_create_and_list(run) -> None:
    created = run("users", "create", "jake", "--email", "jake@example.com", "--password", "correct horse")
    assert created.exit_code == 0, created.output
    assert "created user jake" in created.output
    listed = run("users", "list")
    assert listed.exit_code == 0 and "jake@example.com" in listed.output and "1 of 1 users" in listed.output
    as_json = json.loads(run("users", "list", "--json").output)
    assert as_json["total"] == 1 and as_json["users"][0]["username"] == "jake"


def test_password_is_prompted_hidden_and_confirmed(run) -> None:
    result = run(
        "users", "create", "anna", "--email", "anna@example.com", input="long password\nlong password\n"
    )
    assert result.exit_code == 0, result.output
    assert "long password" not in result.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["users", "create", "x y", "--email", "bad", "--password", "short"], 3, "error: username"),
        (["users", "list", "--limit", "0"], 3, "limit must be between"),
    ],
)
def test_errors_are_one_line_with_a_documented_exit_code(run, args, code, message) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert message in result.output and "Traceback" not in result.output


def test_duplicate_user_exits_3(run) -> None:
    run("users", "create", "jake", "--email", "jake@example.com", "--password", "correct horse")
    again = run("users", "create", "jake", "--email", "jake@example.com", "--password", "correct horse")
    assert again.exit_code == 3 and "has already been taken" in again.output


def test_db_commands(run) -> None:
    current = run("db", "current")
    assert current.exit_code == 0 and "up to date" in current.output
    history = run("db", "history")
    assert history.exit_code == 0 and "create users" in history.output
    assert run("db", "upgrade").exit_code == 0


def test_configuration_errors_exit_7(run, monkeypatch) -> None:
    monkeypatch.setenv("CONDUIT_TOKEN_TTL_SECONDS", "soon")
    result = run("users", "list")
    assert result.exit_code == 7 and "CONDUIT_TOKEN_TTL_SECONDS" in result.output


def test_unreachable_database_exits_6(run, monkeypatch) -> None:
    monkeypatch.setenv("CONDUIT_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    result = run("users", "list")
    assert result.exit_code == 6 and "unavailable" in result.output


def test_help_lists_the_commands(run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("serve", "db", "users"):
        assert command in result.output
