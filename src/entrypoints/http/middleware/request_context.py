"""Outermost layer of every HTTP exchange: a request id (echoed as X-Request-ID, on every log line),
the headers every answer carries, and one access log line. Wraps the whole app, so unrouted
requests (404, 405) get them too."""

import itertools
import logging
import re
import secrets
import time
from collections.abc import Iterable

from litestar.types import ASGIApp, Message, Receive, Scope, Send

from entrypoints.logs import REQUEST_ID

HEADER = b"x-request-id"
JSON = b"application/json"
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
_ACCEPTABLE = re.compile(rb"^[A-Za-z0-9._:-]{1,64}$")  # an id from a proxy is kept only when harmless

access_log = logging.getLogger("conduit.access")
# Unique without a random draw per request: this process's random prefix, then a counter.
_PROCESS_PREFIX = secrets.token_hex(8)
_counter = itertools.count(1)


def new_request_id() -> str:
    return f"{_PROCESS_PREFIX}{next(_counter):016x}"


class RequestContext:
    """`restricted_origins`: CORS allows only some origins, so every answer varies with `Origin`
    (also those to other origins, which carry no CORS headers: a shared cache must not reuse them)."""

    def __init__(self, app: ASGIApp, *, restricted_origins: bool = False) -> None:
        self._app = app
        self._vary = b"Origin, Authorization" if restricted_origins else b"Authorization"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        incoming, authorized = b"", False
        for name, value in scope["headers"]:
            if name == HEADER:
                incoming = value
            elif name == b"authorization":
                authorized = True
        request_id = incoming.decode() if _ACCEPTABLE.match(incoming) else new_request_id()
        token = REQUEST_ID.set(request_id)
        started, status = time.perf_counter(), 500
        fixed = [*SECURITY_HEADERS, (HEADER, request_id.encode()), (b"vary", self._vary)]
        reusable = not authorized and scope["method"] == "GET"

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = _with_policy(
                    message.get("headers", ()), authorized, reusable and status in (200, 304), self._vary
                )
                message["headers"] = [*headers, *fixed]
            await send(message)

        try:
            await self._app(scope, receive, send_with_id)
        finally:
            if access_log.isEnabledFor(logging.INFO):  # the line's fields cost time: only when kept
                _log_access(scope, status, started)
            REQUEST_ID.reset(token)


def _with_policy(
    headers: Iterable[tuple[bytes, bytes]], authorized: bool, revalidate: bool, vary: bytes
) -> list[tuple[bytes, bytes]]:
    """JSON with its charset; answers that depend on the Authorization header never kept by shared
    caches; anonymous reads revalidated with their ETag before any reuse."""
    kept, cache_control = [], None
    for name, value in headers:
        if name == b"content-type" and value == JSON:
            value = b"application/json; charset=utf-8"
        elif name == b"cache-control":
            cache_control = value
            continue
        elif name == b"vary" and value.strip().lower() in vary.lower():
            continue  # named in ours already (CORS adds "Origin" to the answers it allows)
        kept.append((name, value))
    if authorized:
        cache_control = b"private, no-store"
    elif revalidate and cache_control is None:
        cache_control = b"no-cache"
    if cache_control is not None:
        kept.append((b"cache-control", cache_control))
    return kept


def _log_access(scope: Scope, status: int, started: float) -> None:
    duration_ms = round((time.perf_counter() - started) * 1000, 2)
    access_log.info(
        "%s %s %s %.2fms",  # the text line carries what the JSON fields carry
        scope["method"],
        scope["path"],
        status,
        duration_ms,
        extra={
            "method": scope["method"],
            "path": scope["path"],
            "status": status,
            "duration_ms": duration_ms,
        },
    )
