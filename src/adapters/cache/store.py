"""The store behind the cache: bytes under keys, and generation stamps that make keys go stale."""

from abc import abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

SCHEMA_VERSION = 1  # bump when a cached shape changes: a deploy never reads an old shape
EPOCH = "epoch"  # the generation every key carries


def versioned(prefix: str) -> str:
    """The key space of this schema version under the configured prefix."""
    return f"{prefix}v{SCHEMA_VERSION}:"


def generation_key(prefix: str, name: str) -> str:
    return f"{versioned(prefix)}gen:{name}"


def stamped(base: str, stamps: Sequence[str]) -> str:
    return f"{base}@{'.'.join(stamps)}"


def stamps_of(key: str) -> list[str]:
    """The stamps a key was built from (stamped()'s inverse: stamps hold no '@' or '.')."""
    return key.rpartition("@")[2].split(".")


DEPS_SUFFIX = "#deps"  # the key holding an entry's further generations, next to the entry


def encode_deps(deps: Mapping[str, str]) -> bytes:
    """name NUL stamp NUL name ...: NUL is in no key name (an environment variable cannot hold it)."""
    return "\0".join(part for item in deps.items() for part in item).encode()


@dataclass(frozen=True, slots=True, kw_only=True)
class CacheUsage:
    backend: str  # "redis" or "in-process"
    entries: int | None  # entries of this schema version; None when unknown
    memory_bytes: int | None  # for Redis: the whole server's memory


class CacheUnavailable(Exception):
    """The store cannot be used right now; callers read from the database instead."""


class CacheStore(Protocol):
    """Two implementations: Redis (shared by every process) and in-process (one process only).

    Every method raises CacheUnavailable, never a driver error, and answers within a short timeout.
    """

    @abstractmethod
    async def stamps(self, names: Sequence[str]) -> list[str]:
        """The current stamp of each generation; a bumped generation never gets an old stamp back."""

    @abstractmethod
    async def bump(self, names: Sequence[str]) -> None:
        """Give each generation a new stamp, so every key built from the old one is unreachable."""

    @abstractmethod
    async def get(self, key: str) -> bytes | None: ...

    @abstractmethod
    async def lookup(
        self, names: Sequence[str], base: str, *, checked: bool = False
    ) -> tuple[str, bytes | None]:
        """The key `base@<stamps of names>` and its entry: what a read needs, in one step.

        `checked`: the entry was put with `deps`, and answers only while each of those generations
        still has the stamp recorded (else None, as for a missing entry)."""

    @abstractmethod
    async def lookup_many(
        self, wanted: Sequence[tuple[Sequence[str], str]]
    ) -> list[tuple[str, bytes | None]]:
        """lookup() of each (names, base), unchecked, in one step."""

    @abstractmethod
    async def put(self, key: str, value: bytes, ttl: float, deps: Mapping[str, str] | None = None) -> None:
        """`deps`: further generations (name -> stamp) the entry depends on, for checked lookups."""

    @abstractmethod
    async def usage(self) -> CacheUsage: ...

    @abstractmethod
    async def ping(self) -> None:
        """Raises CacheUnavailable when the store does not answer (readiness)."""

    @abstractmethod
    async def aclose(self) -> None: ...
