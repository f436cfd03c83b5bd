"""The in-process store: the embedded default. Correct only while a single process serves."""

import itertools
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence

from adapters.cache.store import CacheStore, CacheUsage, stamped


class MemoryCacheStore(CacheStore):
    """Entries expire after their TTL; beyond `max_entries` the least recently used go first."""

    def __init__(self, max_entries: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._max_entries, self._clock = max_entries, clock
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._stamps: dict[str, str] = {}
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
            return None
        self._entries.move_to_end(key)
        return entry[1]

    async def lookup(self, names: Sequence[str], base: str) -> tuple[str, bytes | None]:
        key = stamped(base, await self.stamps(names))
        return key, await self.get(key)

    async def put(self, key: str, value: bytes, ttl: float) -> None:
        self._entries[key] = (self._clock() + ttl, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self._max_entries:
            self._entries.popitem(last=False)

    async def usage(self) -> CacheUsage:
        memory = sum(len(value) for _, value in self._entries.values())
        return CacheUsage(backend="in-process", entries=len(self._entries), memory_bytes=memory)

    async def ping(self) -> None:
        return None

    async def aclose(self) -> None:
        self._entries.clear()
