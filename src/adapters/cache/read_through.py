"""Read-through caching with generation stamps and per-process single flight.

A key embeds the schema version and the current stamps of the generations its entry depends on.
A write bumps those generations after its commit, so the next read anywhere builds a new key and
misses. The stamps are read *before* the database, so a value loaded before a write is stored under
a key nobody will build again (no stale set).
"""

import asyncio
import contextlib
import hashlib
import itertools
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Generic, TypeVar

import msgspec

from adapters.cache.metrics import CACHE_READS
from adapters.cache.store import EPOCH, CacheStore, CacheUnavailable, generation_key, stamps_of, versioned

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Codec(Generic[T]):
    """How one kind of entry is stored. `keep` says whether a loaded value may be stored at all.

    `composed`: a value built from other cached entries (a whole answer from a listing and its
    articles' summaries). It also depends on the generations of every entry its load read, and
    answers only while they keep the stamps they had: one article's favorite drops only the
    answers that show that article."""

    kind: str
    type: type[T]
    keep: Callable[[T], bool] = lambda _value: True
    composed: bool = False

    def encode(self, value: T) -> bytes:
        return msgspec.msgpack.encode(value)

    def decode(self, raw: bytes) -> T:
        return msgspec.msgpack.decode(raw, type=self.type)


class _Reads:
    """The generations (name -> stamp) of every entry a composed value's load read."""

    def __init__(self) -> None:
        self.stamps: dict[str, str] = {}
        self.complete = True  # False once a read went to the database with no key (store down)

    def add(self, names: Sequence[str], key: str | None) -> None:
        if key is None:
            self.complete = False
        else:
            self.stamps.update(zip(names[1:], stamps_of(key)[1:], strict=True))  # the epoch is in every key


_READS: ContextVar[_Reads | None] = ContextVar("cache_reads", default=None)


def digest(text: str) -> str:
    """A short, key-safe name for any text (slugs and filters are user input)."""
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


class DecodedValues:
    """Values already decoded in this process, by key, bounded by the size of their encoded form.

    A key embeds the stamps of its generations, so a key names one value for good: its decoded form
    can be reused instead of decoding the same bytes on every hit (the biggest cost of a hit). Values
    handed out are shared between requests, and never mutated (views are frozen).
    """

    def __init__(self, max_bytes: int) -> None:
        self._entries: OrderedDict[str, tuple[int, object]] = OrderedDict()
        self._bytes, self._max_bytes = 0, max_bytes

    def get(self, key: str, raw: bytes, codec: Codec[T]) -> T:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
            return found[1]  # type: ignore[return-value]
        value = codec.decode(raw)
        if len(raw) <= self._max_bytes:
            self._entries[key] = (len(raw), value)
            self._bytes += len(raw)
            while self._bytes > self._max_bytes:
                self._bytes -= self._entries.popitem(last=False)[1][0]
        return value


class ReadThrough:
    """`namespace` names the database the entries come from (a random id it keeps, see
    adapters.persistence.deployment): part of every entry key, so entries loaded from one database
    never answer for another one (recreated, or a second deployment on the same Redis and prefix).
    Generations stay shared: a bump seen by another deployment only costs it a miss."""

    def __init__(
        self,
        store: CacheStore,
        *,
        prefix: str,
        ttl: float,
        namespace: Callable[[], Awaitable[str]],
        decoded_bytes: int = 8 * 1024 * 1024,
    ) -> None:
        self._store, self._ttl = store, ttl
        self._namespace = namespace
        self._entries: str | None = None  # `<prefix>v<schema>:<namespace>:` once known
        self._decoded = DecodedValues(decoded_bytes)
        self._base, self._prefix = prefix, versioned(prefix)
        self._flights: dict[str, tuple[asyncio.Future[object], int]] = {}  # key -> (load, when begun)
        self._clock = itertools.count()  # orders lookups and loads in this process
        self._local_version = 0  # bumped by every write of this process, also when the store is down

    def generation(self, name: str) -> str:
        return generation_key(self._base, name)

    async def read(
        self,
        codec: Codec[T],
        ident: str,
        generations: Sequence[str],
        load: Callable[[], Awaitable[T | None]],
    ) -> tuple[T | None, bool]:
        """(value, own): `own` is True when `load` ran for this very call (its result is not shared).

        Concurrent misses on one key in this process share a single `load`. None is never stored.
        """
        return await self._read(codec, ident, generations, load, waited=False)

    async def _read(
        self,
        codec: Codec[T],
        ident: str,
        generations: Sequence[str],
        load: Callable[[], Awaitable[T | None]],
        *,
        waited: bool,
    ) -> tuple[T | None, bool]:
        if codec.composed and _READS.get() is not None:
            # Inside another composed load: read what this one is made of, so that the outer
            # entry records those generations itself (a hit here would hide them).
            return await load(), True
        key: str | None = None
        asked = next(self._clock)
        names = [self.generation(EPOCH), *(self.generation(g) for g in generations)]
        try:
            entries = self._entries or await self._bind()
            key, raw = await self._store.lookup(
                names, f"{entries}{codec.kind}:{ident}", checked=codec.composed
            )
        except CacheUnavailable:
            raw = None
        if (reads := _READS.get()) is not None:
            reads.add(names, key)
        if raw is not None and key is not None:
            CACHE_READS.labels(codec.kind, "hit").inc()
            if codec.composed:  # its key stays while its value changes with the entries it reads
                return self._decoded.get(f"{key}#{hash(raw)}", raw, codec), False
            return self._decoded.get(key, raw, codec), False
        CACHE_READS.labels(codec.kind, "miss" if key else "bypass").inc()
        flight_key = key or f"{codec.kind}:{ident}#{self._local_version}"
        flight, begun = self._flights.get(flight_key, (None, 0))
        if flight is not None and codec.composed and begun < asked:
            # A composed key does not change with the entries its load reads: a load begun before
            # this read was asked may have read them before a change this read must see. Wait for
            # it, then look again: the entry it stored answers only if what it read is unchanged
            # (one lookup instead of a rebuild of its own, in a burst after each write).
            if not waited:
                await asyncio.wait([flight])
                return await self._read(codec, ident, generations, load, waited=True)
            flight = None
        leader = flight is None
        if flight is None:
            flight = asyncio.ensure_future(self._fill(codec, key, load))
            self._flights[flight_key] = (flight, next(self._clock))
            flight.add_done_callback(lambda done: self._land(flight_key, done))
        value = await asyncio.shield(flight)
        return value, leader  # type: ignore[return-value]

    async def read_many(
        self,
        codec: Codec[T],
        wanted: Sequence[tuple[str, Sequence[str]]],
        load: Callable[[list[int]], Awaitable[Mapping[int, T]]],
    ) -> list[T | None]:
        """Many entries at once, each `(ident, generations)`: the lookups share one round trip
        (the store batches them), and one `load` of the positions that missed fills them all.
        No single flight here: two concurrent misses of one entry load it twice, which is cheap
        for the small entries this serves (a page's articles)."""
        epoch = self.generation(EPOCH)
        names = [[epoch, *(self.generation(g) for g in gens)] for _, gens in wanted]
        found: list[tuple[str, bytes | None]] | None
        try:
            entries = self._entries or await self._bind()
            bases = [f"{entries}{codec.kind}:{ident}" for ident, _ in wanted]
            found = await self._store.lookup_many(list(zip(names, bases, strict=True)))
        except CacheUnavailable:
            found = None
        values: list[T | None] = [None] * len(wanted)
        keys: dict[int, str | None] = {}
        reads = _READS.get()
        if found is None:
            keys = dict.fromkeys(range(len(wanted)))
            if reads is not None:
                reads.complete = False
        else:
            for index, (key, raw) in enumerate(found):
                if reads is not None:
                    reads.add(names[index], key)
                if raw is None:
                    keys[index] = key
                else:
                    values[index] = self._decoded.get(key, raw, codec)
        if found is None:
            CACHE_READS.labels(codec.kind, "bypass").inc(len(wanted))
        else:  # counted once per batch: a page of twenty articles is one call
            CACHE_READS.labels(codec.kind, "miss").inc(len(keys))
            CACHE_READS.labels(codec.kind, "hit").inc(len(wanted) - len(keys))
        if keys:
            loaded = await load(list(keys))
            puts = []
            for index, key in keys.items():
                value = values[index] = loaded.get(index)
                if value is not None and key is not None and codec.keep(value):
                    puts.append(self._store.put(key, codec.encode(value), self._ttl))
            for failed in await asyncio.gather(*puts, return_exceptions=True):  # one round trip
                if failed is not None and not isinstance(failed, CacheUnavailable):
                    raise failed
        return values

    async def _bind(self) -> str:
        """The entry key space, once the database has named its namespace (one query per process)."""
        try:
            namespace = await self._namespace()
        except Exception as error:  # the database is down: no caching now, the load will tell
            raise CacheUnavailable(f"cache namespace unknown: {error}") from error
        self._entries = f"{self._prefix}{namespace}:"
        return self._entries

    async def bump(self, generations: Sequence[str]) -> None:
        """After a commit: make every entry depending on these generations unreachable."""
        self._local_version += 1
        # When the store is down, it starts a new epoch on its return, dropping every older entry.
        with contextlib.suppress(CacheUnavailable):
            await self._store.bump([self.generation(g) for g in generations])

    async def _fill(
        self, codec: Codec[T], key: str | None, load: Callable[[], Awaitable[T | None]]
    ) -> T | None:
        # A task of its own (ensure_future): what its load reads is recorded here, not in the caller's.
        reads = _Reads() if codec.composed else None
        token = _READS.set(reads)
        try:
            value = await load()
        finally:
            _READS.reset(token)
        if value is None or key is None or not codec.keep(value) or (reads and not reads.complete):
            return value
        with contextlib.suppress(CacheUnavailable):
            await self._store.put(key, codec.encode(value), self._ttl, reads.stamps if reads else None)
        return value

    def _land(self, flight_key: str, done: asyncio.Future[object]) -> None:
        if self._flights.get(flight_key, (None, 0))[0] is done:
            del self._flights[flight_key]
        if not done.cancelled():
            done.exception()  # retrieved here, so a flight nobody awaits any more logs no warning
