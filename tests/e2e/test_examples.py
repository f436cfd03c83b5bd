"""The example scripts in examples/ run as their docstrings say, on a fresh embedded database."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from entrypoints.python_api import SyncConduit
from tests.conftest import CHEAP_HASHING

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    values = {
        **os.environ,
        "CONDUIT_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT / "src"),
        "CONDUIT_DATABASE_URL": f"sqlite:///{tmp_path / 'example.db'}",
    }
    values.update({f"CONDUIT_{k.upper()}": str(v) for k, v in CHEAP_HASHING.items()})
    return values


def run(script: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "examples" / script), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)


def write_post(folder: Path, name: str, title: str, body: str, tags: str = "[dragons, training]") -> None:
    folder.joinpath(name).write_text(
        f"---\ntitle: {title}\ndescription: About {title}\ntags: {tags}\n---\n{body}\n", encoding="utf-8"
    )


def test_register_and_login_example(env) -> None:
    first = run("register_and_login.py", env["CONDUIT_DATABASE_URL"], env=env)
    assert first.returncode == 0, first.stderr
    assert "registered jake" in first.stdout and "accounts: jake\n" in first.stdout
    second = run("register_and_login.py", env["CONDUIT_DATABASE_URL"], env=env)
    assert second.returncode == 0 and "exists already" in second.stdout


def test_markdown_import_is_idempotent_and_reports_failures(env, tmp_path) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    write_post(posts, "a.md", "How to train your dragon", "Very carefully.")
    write_post(posts, "b.md", "Ça va, 世界", "Unicode *works*.")
    posts.joinpath("broken.md").write_text("---\ntitle: \n---\nno title\n", encoding="utf-8")
    run("register_and_login.py", env["CONDUIT_DATABASE_URL"], env=env)  # creates jake

    first = run("import_markdown.py", str(posts), "--author", "jake", env=env)
    assert first.returncode == 1  # one file failed
    assert "2 created, 0 updated, 0 skipped, 1 failed" in first.stdout
    assert "failed broken.md: title can't be blank" in first.stdout

    posts.joinpath("broken.md").unlink()
    again = run("import_markdown.py", str(posts), "--author", "jake", env=env)
    assert again.returncode == 0 and "0 created, 0 updated, 2 skipped, 0 failed" in again.stdout

    write_post(posts, "a.md", "How to train your dragon", "With two hands.", tags="[dragons]")
    changed = run("import_markdown.py", str(posts), "--author", "jake", env=env)
    assert "0 created, 1 updated, 1 skipped, 0 failed" in changed.stdout
    with SyncConduit.open(
        env["CONDUIT_DATABASE_URL"], data_dir=env["CONDUIT_DATA_DIR"], **CHEAP_HASHING
    ) as c:
        article = c.get_article("how-to-train-your-dragon")
    assert (article.body, article.tag_list) == ("With two hands.", ["dragons"])


def test_export_writes_every_article_with_comments_as_json_lines(env, tmp_path) -> None:
    with SyncConduit.open(
        env["CONDUIT_DATABASE_URL"], migrate=True, data_dir=env["CONDUIT_DATA_DIR"], **CHEAP_HASHING
    ) as conduit:
        jake = conduit.authenticate(
            conduit.register_user(username="jake", email="j@example.com", password="correct horse").token
        )
        for n in range(3):
            conduit.create_article(author_id=jake.id, title=f"Post {n}", description="d", body=f"body {n}")
        conduit.add_comment("post-1", author_id=jake.id, body="first!")
    target = tmp_path / "export.jsonl"
    result = run("export_jsonl.py", str(target), env=env)
    assert result.returncode == 0, result.stderr
    assert "exported 3 articles" in result.stderr
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [line["article"]["title"] for line in lines] == ["Post 2", "Post 1", "Post 0"]
    assert lines[1]["comments"][0]["body"] == "first!" and lines[0]["article"]["body"] == "body 2"
    to_stdout = run("export_jsonl.py", "-", env=env)
    assert len(to_stdout.stdout.splitlines()) == 3


def test_markdown_import_names_a_missing_author_without_a_traceback(env) -> None:
    result = run("import_markdown.py", str(ROOT / "examples" / "posts"), "--author", "nobody", env=env)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "no user 'nobody': create the account first" in result.stderr


def test_export_says_what_is_wrong_with_the_database(env, tmp_path) -> None:
    env["CONDUIT_DATABASE_URL"] = f"sqlite:///{tmp_path / 'never-migrated.db'}"
    result = run("export_jsonl.py", "-", env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == "error: the database has no Conduit tables yet (run: conduit db upgrade)\n"
