"""Anonymous reads of shared resources, answered with the bytes a first request already produced.

A route opts in with `shares(resource)` in its `opt`. A GET to it without an Authorization header
is then answered from the cache by path and query string (one Redis round trip on a hit): no
dependency injection, no use case, no JSON encoding. On a miss the route runs as usual and a 200
answer is kept. Writes invalidate it after their commit, like every cached read model. Answers that
depend on the viewer never come here: they carry Authorization.
"""

from collections.abc import Awaitable, Callable, Mapping
from typing import Protocol

from litestar.types import ASGIApp, Message, Receive, Scope, Send

from entrypoints.http.conditional import etag_of

OPT = "shared_resource"
Headers = list[tuple[bytes, bytes]]
Answer = tuple[int, Headers, bytes]


class AnswerCache(Protocol):
    """adapters.cache.responses.SharedResponses, as the container provides it."""

    async def answer(
        self,
        resource: str,
        params: Mapping[str, str],
        request_key: str,
        produce: Callable[[], Awaitable[Answer]],
    ) -> Answer: ...


def shares(resource: str) -> dict[str, str]:
    """Route opt: anonymous GETs of this route serve the named shared resource."""
    return {OPT: resource}


class SharedResponses:
    def __init__(self, app: ASGIApp, cache: AnswerCache) -> None:
        self._app, self._cache = app, cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = scope.get("route_handler")
        resource: str | None = handler.opt.get(OPT) if handler is not None else None
        if (
            resource is None
            or scope["method"] != "GET"
            or any(name == b"authorization" for name, _ in scope["headers"])
        ):
            await self._app(scope, receive, send)
            return
        request_key = f"{scope['path']}?{scope['query_string'].decode('latin-1')}"
        status, headers, body = await self._cache.answer(
            resource, scope["path_params"], request_key, lambda: self._produce(scope, receive)
        )
        # A list of our own: the stored one is shared, and outer layers (CORS) edit headers in place.
        await send({"type": "http.response.start", "status": status, "headers": list(headers)})
        await send({"type": "http.response.body", "body": body})

    async def _produce(self, scope: Scope, receive: Receive) -> Answer:
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self._app(scope, receive, capture)
        body = b"".join(chunks)
        headers = [(bytes(name), bytes(value)) for name, value in start.get("headers", ())]
        if start["status"] == 200:  # tagged once here, not hashed again on every replay
            headers.append((b"etag", etag_of(body).encode()))
        return start["status"], headers, body
