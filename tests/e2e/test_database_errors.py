"""A database that is missing, unmigrated or in a missing directory: one clear line from the CLI (with
its documented exit code), a core error from the Python API, never SQL, a traceback or a library link."""

import asyncio
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from click.testing import CliRunner
from litestar.testing import AsyncTestClient
from sqlalchemy.engine import make_url

from core.shared.errors import CoreError, Misconfigured, Unavailable
from entrypoints.cli.main import cli
from entrypoints.container import build_container
from entrypoints.http.app import create_app
from entrypoints.python_api import Conduit, SyncConduit
from entrypoints.settings import load_settings
from tests.conftest import TEST_SECRET, _admin, service_url

LEAKS = ("Traceback", "SELECT", "sqlalche.me", "sqlalchemy", "asyncpg", "[SQL")


@dataclass(frozen=True)
class Broken:
    url: str
    message: str  # what the one line must say
    exit_code: int
    error: type[CoreError]


def _postgres(database: str) -> str:
    admin = service_url("POSTGRES")
    assert admin
    return make_url(admin).set(database=database).render_as_string(hide_password=False)


@pytest.fixture(
    params=["missing-postgres", "unmigrated-postgres", "unmigrated-sqlite", "sqlite-no-directory"]
)
def broken(request: pytest.FixtureRequest, tmp_path) -> Iterator[Broken]:
    name = f"ops_test_{uuid.uuid4().hex[:8]}"
    if request.param == "missing-postgres":
        yield Broken(_postgres(name), f'database "{name}" does not exist: create it', 6, Unavailable)
    elif request.param == "unmigrated-postgres":
        admin = service_url("POSTGRES")
        assert admin
        asyncio.run(_admin(admin, f'CREATE DATABASE "{name}"'))
        yield Broken(_postgres(name), "run: conduit db upgrade", 6, Unavailable)
        asyncio.run(_admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    elif request.param == "unmigrated-sqlite":
        yield Broken(f"sqlite:///{tmp_path / 'empty.db'}", "run: conduit db upgrade", 6, Unavailable)
    else:
        missing = tmp_path / "no" / "such"
        yield Broken(f"sqlite:///{missing / 'x.db'}", f"directory {missing} does not exist", 7, Misconfigured)


@pytest.fixture
def run(broken: Broken, tmp_path, monkeypatch):
    monkeypatch.setenv("CONDUIT_DATABASE_URL", broken.url)
    monkeypatch.setenv("CONDUIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CONDUIT_SECRET_KEY", TEST_SECRET)
    monkeypatch.delenv("CONDUIT_REDIS_URL", raising=False)
    return lambda *args: CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize(
    "command", [["users", "list"], ["stats"], ["tags", "list"], ["articles", "list"], ["audit", "list"]]
)
def test_commands_print_one_line_with_the_fix(run, broken: Broken, command) -> None:
    result = run(*command)
    assert result.exit_code == broken.exit_code, result.output
    assert result.output.count("\n") == 1 and result.output.startswith("error: ")
    assert broken.message in result.output
    assert not any(leak in result.output for leak in LEAKS), result.output


def test_check_prints_its_whole_checklist_and_exits_8(run, broken: Broken) -> None:
    result = run("check")
    assert result.exit_code == 8
    for name in ("configuration", "database", "migrations", "redis"):
        assert f"] {name}: " in result.output
    assert broken.message in result.output
    assert not any(leak in result.output for leak in LEAKS), result.output


async def test_the_async_api_raises_core_errors(broken: Broken, tmp_path) -> None:
    with pytest.raises(broken.error, match=broken.message):
        async with Conduit.open(broken.url, data_dir=str(tmp_path), secret_key=TEST_SECRET) as conduit:
            await conduit.list_users()


def test_the_sync_api_raises_core_errors(broken: Broken, tmp_path) -> None:
    with (
        pytest.raises(broken.error, match=broken.message),
        SyncConduit.open(broken.url, data_dir=str(tmp_path), secret_key=TEST_SECRET) as conduit,
    ):
        conduit.list_articles()


def test_a_missing_postgres_database_cannot_be_migrated_either(tmp_path) -> None:
    name = f"ops_test_{uuid.uuid4().hex[:8]}"
    with (
        pytest.raises(Unavailable, match=f"createdb {name}"),
        SyncConduit.open(_postgres(name), migrate=True, data_dir=str(tmp_path), secret_key=TEST_SECRET),
    ):
        pass


async def test_the_http_api_answers_503_with_the_fix_in_its_error_format(broken: Broken, tmp_path) -> None:
    if broken.error is Misconfigured:
        pytest.skip("a configuration error stops the server before it starts")
    settings = load_settings({}, database_url=broken.url, data_dir=str(tmp_path), secret_key=TEST_SECRET)
    async with AsyncTestClient(app=create_app(build_container(settings))) as client:
        answer = await client.get("/api/articles")
    assert answer.status_code == 503
    [message] = answer.json()["errors"]["body"]
    assert broken.message in message and not any(leak in message for leak in LEAKS)
