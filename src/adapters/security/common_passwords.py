"""The common-password list shipped as a data file (see data/ORIGIN.md), loaded once on first use."""

import gzip
from functools import cached_property
from pathlib import Path

from core.users.passwords import CommonPasswords

DEFAULT_LIST = Path(__file__).parent / "data" / "common-passwords.txt.gz"


class CommonPasswordList(CommonPasswords):
    def __init__(self, path: Path = DEFAULT_LIST) -> None:
        self._path = path

    def __contains__(self, password: str) -> bool:
        return password.lower() in self._passwords  # the list is lowercased

    @cached_property
    def _passwords(self) -> frozenset[str]:
        with gzip.open(self._path, "rt", encoding="utf-8") as lines:
            return frozenset(line.strip() for line in lines if line.strip())
