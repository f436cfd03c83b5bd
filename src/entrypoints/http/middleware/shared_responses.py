"""Reads of shared resources, answered with the bytes a first request already produced.

A route opts in with `shares(resource)` in its `opt`. A GET to it without an Authorization header
is then answered from the cache by path and the route's own query parameters (one batched Redis
lookup on a hit): no dependency injection, no use case, no JSON encoding. On a miss the route runs
as usual and a 200 answer is kept. Writes invalidate it after their commit, like every cached read
model.

A route that also says `personal=True` keeps signed-in answers too, one per viewer (for pages a
reader comes back to: a per-viewer entry that is read once costs a lookup and a write): the token is
checked here first, exactly as the route would (a revoked session is refused before any answer is
looked up), and the viewer's id joins the key. Such an answer is composed like every stored answer,
so it also depends on the viewer's own flag entries its handler read: their favorite or follow
drops it. A token that does not check out goes on to the route, which answers it as usual.
A route only for signed-in readers (the feed) also says `anonymous=False`: without a token its GETs
go straight to the route, which refuses them, and nothing is looked up.
"""

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol
from urllib.parse import unquote_plus

from litestar.constants import RESERVED_KWARGS
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from entrypoints.http.auth import AUTHENTICATE, CHECKED, token_in
from entrypoints.http.middleware.conditional import etag_of

OPT = "shared_resource"
PERSONAL = "personal_answers"
ANONYMOUS = "anonymous_answers"
Headers = list[tuple[bytes, bytes]]
Answer = tuple[int, Headers, bytes]


class AnswerCache(Protocol):
    """adapters.cache.responses.CachedAnswers, as the container provides it."""

    async def answer(
        self,
        resource: str,
        params: Mapping[str, str],
        request_key: str,
        produce: Callable[[], Awaitable[Answer]],
    ) -> Answer: ...


def _known_query(accepted: frozenset[str], query_string: bytes) -> str:
    """The route's own parameters, as sent (never re-encoded: two spellings that the route could
    read differently never share an entry), ordered by name, repeats in their order. Unknown
    parameters and reorderings make no new entry: a client cannot multiply one answer's entries."""
    named = [(unquote_plus(raw.partition("=")[0]), raw) for raw in query_string.decode("latin-1").split("&")]
    return "&".join(raw for _, raw in sorted(((n, r) for n, r in named if n in accepted), key=lambda p: p[0]))


def _query_names(handler: Any) -> frozenset[str]:
    """What the handler may read from the query: its parameters, less dependencies and reserved names
    (an extra name in this set only costs entries; a missing one could mix answers up)."""
    ignored = {"self", *RESERVED_KWARGS, *handler.resolve_dependencies()}
    return frozenset(name for name in handler.parsed_fn_signature.parameters if name not in ignored)


def answer_key(path: str, query: str, viewer: int | None) -> str:
    """One stored answer's request key. A viewer's keys start with their id, an anonymous one with
    the path's "/": whatever a query holds, no request can name another viewer's answer."""
    anonymous = f"{path}?{query}"
    return anonymous if viewer is None else f"viewer {viewer} {anonymous}"


def shares(resource: str, *, personal: bool = False, anonymous: bool = True) -> dict[str, Any]:
    """Route opt: anonymous GETs of this route serve the named shared resource; with `personal`,
    signed-in GETs are kept too, per viewer. `anonymous=False`: a route that answers only signed-in
    readers (the feed); a GET without a token goes straight to it."""
    return {OPT: resource, PERSONAL: personal, ANONYMOUS: anonymous}


class SharedResponses:
    def __init__(self, app: ASGIApp, cache: AnswerCache) -> None:
        self._app, self._cache = app, cache
        self._query_names: dict[Any, frozenset[str]] = {}  # per route handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = scope.get("route_handler")
        resource: str | None = handler.opt.get(OPT) if handler is not None else None
        if resource is None or scope["method"] != "GET":
            await self._app(scope, receive, send)
            return
        header = next((value for name, value in scope["headers"] if name == b"authorization"), None)
        if header is None and not handler.opt[ANONYMOUS]:
            await self._app(scope, receive, send)
            return
        personal = header is not None and handler.opt[PERSONAL]
        viewer = await self._viewer(scope, header) if personal else None
        if header is not None and viewer is None:
            await self._app(scope, receive, send)
            return
        accepted = self._query_names.get(handler)
        if accepted is None:
            accepted = self._query_names[handler] = _query_names(handler)
        request_key = answer_key(scope["path"], _known_query(accepted, scope["query_string"]), viewer)
        status, headers, body = await self._cache.answer(
            resource, scope["path_params"], request_key, lambda: self._produce(scope, receive)
        )
        # A list of our own: the stored one is shared, and outer layers (CORS) edit headers in place.
        await send({"type": "http.response.start", "status": status, "headers": list(headers)})
        await send({"type": "http.response.body", "body": body})

    async def _viewer(self, scope: Scope, header: bytes) -> int | None:
        """Who the token names, checked as the route checks it (which then takes this check: see
        auth.CHECKED); None when it does not check out."""
        try:
            token = token_in(header.decode("latin-1"))
            if token is None:
                return None
            user = await scope["app"].state[AUTHENTICATE]().execute(token)
        except Exception:  # whatever failed, the route checks again and answers it (401, 503...)
            return None
        scope[CHECKED] = user  # type: ignore[literal-required]
        return user.id

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
