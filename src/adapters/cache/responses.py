"""Whole answers to reads of shared resources (anonymous, or per viewer: the HTTP layer puts the
viewer in the request key), stored as the bytes first sent.

The HTTP entrypoint names the resource a route serves; the vocabulary (vocabulary.RESOURCES) says
which generations each resource depends on. An answer is also composed: it answers only while every
cached entry its handler read (a listing, its articles' summaries) keeps the stamps it was read at,
so a write that invalidates one of those read models invalidates the answers built from it too.
"""

from collections.abc import Awaitable, Callable, Mapping

import msgspec

from adapters.cache.read_through import Codec, ReadThrough, digest
from adapters.cache.vocabulary import RESOURCES

Headers = list[tuple[bytes, bytes]]
Answer = tuple[int, Headers, bytes]  # status, headers, body


class _Stored(msgspec.Struct, array_like=True):
    status: int
    headers: Headers
    body: bytes


_ANSWER = Codec("response", _Stored, keep=lambda stored: stored.status == 200, composed=True)


class CachedAnswers:
    """The store behind the HTTP layer's SharedResponses (entrypoints.http.middleware)."""

    def __init__(self, cache: ReadThrough) -> None:
        self._cache = cache

    async def answer(
        self,
        resource: str,
        params: Mapping[str, str],
        request_key: str,
        produce: Callable[[], Awaitable[Answer]],
    ) -> Answer:
        """The stored answer for this request, or the one `produce` gives (kept when it is a 200).

        Concurrent misses on one request key in this process share one `produce`.
        """

        async def load() -> _Stored:
            return _Stored(*await produce())

        stored, _ = await self._cache.read(_ANSWER, digest(request_key), RESOURCES[resource](params), load)
        assert stored is not None  # noqa: S101 (load never gives None)
        return stored.status, stored.headers, stored.body
