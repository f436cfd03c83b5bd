"""Request rules applied before routing: bodies must be JSON, and OPTIONS answers name every method.

- A request to the API (`/api/...`) with a body that is not `application/json` (or `+json`) answers
  415 in the API's error format. A JSON API has no use for other types, and `text/plain` or form bodies
  are what a cross-site form can post without a CORS preflight. (The admin console takes forms, behind
  its own CSRF tokens.)
- Litestar's automatic OPTIONS answer lists the methods of one handler; the `Allow` header here lists
  every method the path has.
"""

import re
from collections.abc import Iterable

import msgspec
from litestar.types import ASGIApp, Message, Receive, Scope, Send

_WITH_BODY = {"POST", "PUT", "PATCH"}
API_PREFIX = "/api/"
_PARAMETER = re.compile(r"\{[^}/]+\}")


def _pattern(template: str) -> re.Pattern[str]:
    """ "/api/articles/{slug:str}" -> a regular expression matching its paths."""
    return re.compile("^" + "[^/]+".join(re.escape(part) for part in _PARAMETER.split(template)) + "$")


def _json_media_type(value: bytes) -> bool:
    media = value.split(b";", 1)[0].strip().lower()
    return media == b"application/json" or (media.startswith(b"application/") and media.endswith(b"+json"))


class RequestRules:
    def __init__(self, app: ASGIApp, routes: Iterable[tuple[str, Iterable[str]]]) -> None:
        self._app = app
        self._allow = [(_pattern(path), ", ".join(sorted(methods)).encode()) for path, methods in routes]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        method = scope["method"]
        if method in _WITH_BODY and scope["path"].startswith(API_PREFIX):
            has_body, content_type = False, b""
            for name, value in scope["headers"]:
                if name == b"content-type":
                    content_type = value
                elif (
                    name == b"content-length" and value.strip() not in (b"", b"0")
                ) or name == b"transfer-encoding":
                    has_body = True
            if has_body and not _json_media_type(content_type):
                await _unsupported(send)
                return
        elif method == "OPTIONS":
            allow = self._allowed(scope["path"])
            if allow is not None:
                await self._app(scope, receive, _with_allow(send, allow))
                return
        await self._app(scope, receive, send)

    def _allowed(self, path: str) -> bytes | None:
        return next((methods for pattern, methods in self._allow if pattern.match(path)), None)


def _with_allow(send: Send, allow: bytes) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [(n, v) for n, v in message.get("headers", ()) if n.lower() != b"allow"]
            message["headers"] = [*headers, (b"allow", allow)]
        await send(message)

    return sending


_UNSUPPORTED = msgspec.json.encode(
    {"errors": {"body": ["request body must be JSON (Content-Type: application/json)"]}}
)


async def _unsupported(send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 415,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(_UNSUPPORTED)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": _UNSUPPORTED})
