"""Prometheus: per-route request counts and latencies at /metrics.

The middleware is ours, not Litestar's PrometheusMiddleware: same metric names and labels, without
building a Request, a label dict and a wrapped function on every call (it showed in profiles).
Requests are labelled with the route template (/api/articles/{slug}), not each slug; requests that
match no route (scanners' GET /wp-admin, /.env, a wrong method) all under one label, `unrouted`.

With several worker processes `conduit serve` sets PROMETHEUS_MULTIPROC_DIR, and every worker
writes its samples there; a scrape of any worker then reports the sum over all of them.
"""

import os
import time
from collections.abc import Callable

from litestar.plugins.prometheus import PrometheusController
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from prometheus_client import Counter, Gauge, Histogram, multiprocess

METRICS_PATH = "/metrics"
MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"
APP_NAME = "conduit"
UNROUTED = "unrouted"
_METERED = "conduit.metered"  # scope key: the routed middleware saw this request
_LABELS = ("app_name", "method", "path", "status_code")  # sorted, as multiprocess scrapes print them

REQUESTS = Counter("conduit_requests_total", "Total requests", _LABELS)
ERRORS = Counter("conduit_requests_error_total", "Total errors in requests", _LABELS)
DURATION = Histogram("conduit_request_duration_seconds", "Request duration, in seconds", _LABELS)
IN_PROGRESS = Gauge(
    "conduit_requests_in_progress",
    "Total requests currently in progress",
    ("app_name", "method", "path"),
    multiprocess_mode="livesum",
)


class MetricsController(PrometheusController):
    path = METRICS_PATH
    include_in_schema = False


class RequestMetrics:
    """Litestar middleware: runs once a route matched, so it knows the route's template."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path_template", scope["path"])
        scope[_METERED] = True  # type: ignore[literal-required]
        if scope["type"] != "http" or path == METRICS_PATH:
            await self._app(scope, receive, send)
            return
        in_progress = IN_PROGRESS.labels(APP_NAME, scope["method"], path)
        in_progress.inc()
        try:
            await _measured(self._app, scope, receive, send, lambda: path)
        finally:
            in_progress.dec()


def count_unrouted(app: ASGIApp) -> ASGIApp:
    """Around the whole app: counts the answers Litestar gives before any middleware runs (404, 405)."""

    async def counted(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await _measured(app, scope, receive, send, lambda: None if scope.get(_METERED) else UNROUTED)
        else:
            await app(scope, receive, send)

    return counted


async def _measured(
    app: ASGIApp, scope: Scope, receive: Receive, send: Send, label: Callable[[], str | None]
) -> None:
    """Run the request and count it under the route `label()` gives afterwards (None: not here)."""
    started, status = time.perf_counter(), 500

    async def observed(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        await send(message)

    try:
        await app(scope, receive, observed)
    finally:
        if (path := label()) is not None:
            labels = (APP_NAME, scope["method"], path, str(status))
            if status >= 500:
                ERRORS.labels(*labels).inc()
            REQUESTS.labels(*labels).inc()
            DURATION.labels(*labels).observe(time.perf_counter() - started)


def forget_this_process() -> None:
    """On worker exit: drop its live gauges from the shared multiprocess directory."""
    if os.environ.get(MULTIPROCESS_ENV):
        multiprocess.mark_process_dead(os.getpid())
