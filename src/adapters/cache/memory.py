"""The in-process store: the embedded default. Correct only while a single process serves."""

import itertools
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence

from adapters.cache.store import CacheStore, CacheUsage, stamped


class MemoryCacheStore(CacheStore):
    """Entries expire after their TTL; beyond `max_entries` the least recently used go first."""

    def __init__(self, max_entries: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._max_entries, self._clock = max_entries, clock
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._stamps: dict[str, str] = {}
        self._deps: dict[str, dict[str, str]] = {}  # an entry's further generations (checked lookups)
        self._counter = itertools.count(1)

    async def stamps(self, names: Sequence[str]) -> list[str]:
        return [self._stamps.get(name, "0") for name in names]

    async def bump(self, names: Sequence[str]) -> None:
        for name in names:
            self._stamps[name] = str(next(self._counter))

    async def get(self, key: str) -> bytes | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry[0] <= self._clock():
            del self._entries[key]
            self._deps.pop(key, None)
            return None
        self._entries.move_to_end(key)
        return entry[1]

    async def lookup(
        self, names: Sequence[str], base: str, *, checked: bool = False
    ) -> tuple[str, bytes | None]:
        key = stamped(base, await self.stamps(names))
        deps = self._deps.get(key) if checked else None
        if checked and (deps is None or any(self._stamps.get(n, "0") != s for n, s in deps.items())):
            return key, None
        return key, await self.get(key)

    async def lookup_many(
        self, wanted: Sequence[tuple[Sequence[str], str]]
    ) -> list[tuple[str, bytes | None]]:
        return [await self.lookup(names, base) for names, base in wanted]

    async def put(self, key: str, value: bytes, ttl: float, deps: Mapping[str, str] | None = None) -> None:
        self._entries[key] = (self._clock() + ttl, value)
        self._entries.move_to_end(key)
        if deps is not None:
            self._deps[key] = dict(deps)
        while len(self._entries) > self._max_entries:
            self._deps.pop(self._entries.popitem(last=False)[0], None)

    async def usage(self) -> CacheUsage:
        memory = sum(len(value) for _, value in self._entries.values())
        return CacheUsage(backend="in-process", entries=len(self._entries), memory_bytes=memory)

    async def ping(self) -> None:
        return None

    async def aclose(self) -> None:
        self._entries.clear()
        self._deps.clear()
