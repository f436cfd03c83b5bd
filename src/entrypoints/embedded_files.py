"""The embedded default's files hold e-mails, password hashes and the development secret: owner only."""

import os
from pathlib import Path


def private_data_dir(data_dir: Path) -> None:
    """Created 0700: it holds the database (e-mails, password hashes) and the development secret."""
    if not data_dir.exists():
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)


def private_database_file(database_url: str) -> None:
    """The embedded database is created 0600 (SQLite gives its -wal and -shm files the same mode)."""
    path = database_url.split("///", 1)[-1]
    if path and path != ":memory:" and not Path(path).exists():
        Path(path).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
