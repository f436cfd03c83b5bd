"""Prometheus gauges of the connection pool (summed over live processes in multiprocess mode)."""

from typing import Any

import sqlalchemy as sa
from prometheus_client import Counter, Gauge
from sqlalchemy.ext.asyncio import AsyncEngine

CONNECTIONS_IN_USE = Gauge(
    "conduit_db_connections_in_use",
    "Database connections checked out of the pool right now",
    multiprocess_mode="livesum",
)
CONNECTIONS_OPENED = Counter("conduit_db_connections_opened_total", "Database connections opened")


def instrument_pool(engine: AsyncEngine) -> None:
    """Count checkouts and checkins; a connection invalidated while out is checked in as well."""

    def checked_out(*_: Any) -> None:
        CONNECTIONS_IN_USE.inc()

    def checked_in(*_: Any) -> None:
        CONNECTIONS_IN_USE.dec()

    def opened(*_: Any) -> None:
        CONNECTIONS_OPENED.inc()

    sa.event.listen(engine.sync_engine, "checkout", checked_out)
    sa.event.listen(engine.sync_engine, "checkin", checked_in)
    sa.event.listen(engine.sync_engine, "connect", opened)
