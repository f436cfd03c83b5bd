"""Strong ETags on successful JSON GET responses, and 304 Not Modified for a matching If-None-Match.

The tag is a hash of the bytes already encoded for the response, so nothing is encoded twice; a
response that already carries its tag (replayed from the shared cache) is not hashed again.
"""

import hashlib

from litestar.types import ASGIApp, Message, Receive, Scope, Send

_DROPPED_ON_304 = {b"content-length", b"content-type"}


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110 13.1.2: weak comparison against a list of tags, or "*"."""
    tags = [tag.strip() for tag in if_none_match.split(",")]
    return "*" in tags or etag.removeprefix("W/") in {tag.removeprefix("W/") for tag in tags}


class ConditionalGet:
    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self._app(scope, receive, send)
            return
        if_none_match = next(
            (v.decode("latin-1") for n, v in scope["headers"] if n == b"if-none-match"), None
        )
        start: Message | None = None
        chunks: list[bytes] = []
        not_modified = False  # a 304 went out for a response that came with its ETag: drop its body

        async def buffered(message: Message) -> None:
            nonlocal start, not_modified
            if message["type"] == "http.response.start" and _taggable(message):
                etag = _etag_in(message)
                if etag is None:
                    start = message  # held back until the whole body is known
                    return
                not_modified = if_none_match is not None and matches(if_none_match, etag)
                await send(_not_modified(message, etag) if not_modified else message)
                return
            if not_modified:
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            etag = etag_of(body)
            if if_none_match is not None and matches(if_none_match, etag):
                await send(_not_modified(start, etag))
                await send({"type": "http.response.body", "body": b""})
                return
            await send({**start, "headers": [*start["headers"], (b"etag", etag.encode())]})
            await send({"type": "http.response.body", "body": body})

        await self._app(scope, receive, buffered)


def _etag_in(start: Message) -> str | None:
    """The ETag a response already carries (one replayed from the cache computed it once)."""
    value = next((v for n, v in start.get("headers", ()) if n == b"etag"), None)
    return None if value is None else value.decode("latin-1")


def _not_modified(start: Message, etag: str) -> Message:
    headers = [(n, v) for n, v in start["headers"] if n not in _DROPPED_ON_304 and n != b"etag"]
    return {**start, "status": 304, "headers": [*headers, (b"etag", etag.encode())]}


def _taggable(start: Message) -> bool:
    if start["status"] != 200:
        return False
    content_type = next((v for n, v in start.get("headers", ()) if n == b"content-type"), b"")
    return content_type.startswith(b"application/json")
