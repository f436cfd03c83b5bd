"""argon2id password hashing off the event loop, with bounded concurrency."""

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from argon2 import PasswordHasher as Argon2
from argon2 import Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from core.admin.ports import PasswordHashing
from core.users.ports import PasswordHasher

T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True)
class Argon2Parameters:
    """Defaults: OWASP's argon2id minimum (19 MiB, t=2, p=1); see architecture/decisions/0006."""

    time_cost: int = 2
    memory_cost_kib: int = 19 * 1024
    parallelism: int = 1


class Argon2PasswordHasher(PasswordHasher, PasswordHashing):
    """Each hash holds memory_cost of RAM for tens of milliseconds; argon2-cffi releases the GIL,
    so hashing in threads is real parallelism. A pool of its own bounds both CPU and memory use, and
    its queue keeps every thread busy: a thread that finishes takes the next hash at once, without
    waiting for the event loop to hand it over."""

    def __init__(self, parameters: Argon2Parameters, *, max_concurrency: int) -> None:
        self._argon2 = Argon2(
            time_cost=parameters.time_cost,
            memory_cost=parameters.memory_cost_kib,
            parallelism=parameters.parallelism,
            type=Type.ID,
        )
        self._pool = ThreadPoolExecutor(max_workers=max_concurrency, thread_name_prefix="argon2")
        self._dummy_hash = self._argon2.hash("conduit-dummy-password")

    async def hash(self, password: str) -> str:
        return await self._run(self._argon2.hash, password)

    async def verify(self, password: str, password_hash: str | None) -> bool:
        return await self._run(self._verify_sync, password, password_hash)

    def needs_rehash(self, password_hash: str) -> bool:
        try:
            return self._argon2.check_needs_rehash(password_hash)
        except InvalidHashError:
            return True

    def _verify_sync(self, password: str, password_hash: str | None) -> bool:
        try:
            self._argon2.verify(password_hash or self._dummy_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
        return password_hash is not None

    async def _run(self, func: Callable[..., T], *args: object) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, func, *args)
