"""Response headers of every console page: a strict Content-Security-Policy (no script at all, nothing
from another origin, no framing) and no caching anywhere; and Secure cookies on requests made over HTTPS.
(X-Frame-Options, nosniff and the referrer policy come with every answer: http.request_context.)
"""

from litestar.datastructures import MutableScopeHeaders
from litestar.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "Cache-Control": "no-store",
}


class ConsoleHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableScopeHeaders.from_message(message)
                for name, value in HEADERS.items():
                    headers[name] = value
                if https:  # the cookie config says Secure in production; over HTTPS, always
                    message["headers"] = [
                        (n, v + b"; Secure" if n == b"set-cookie" and b"secure" not in v.lower() else v)
                        for n, v in message["headers"]
                    ]
            await send(message)

        await self._app(scope, receive, send_with_headers)
