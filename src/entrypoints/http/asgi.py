"""ASGI entry for servers: `uvicorn --factory entrypoints.http.asgi:app_from_env`."""

import gc
import sys

from litestar import Litestar

from entrypoints.container import build_container
from entrypoints.http.app import create_app
from entrypoints.logs import configure_logging
from entrypoints.settings import load_settings

# A request allocates a few thousand short-lived objects. With CPython's default threshold (700)
# the collector runs many times a second and, every so often, walks every long-lived object (the
# app, cached values): pauses that made the slowest 1% of requests several times slower.
GC_THRESHOLDS = (50_000, 20, 100)
# A password hash runs in a thread (argon2 releases the GIL); to hand its result back and take the
# next hash, the thread needs the GIL for a moment. While the event loop runs Python it keeps the
# GIL for up to the switch interval (5 ms by default, a sixth of a hash): the hashing core idles.
SWITCH_INTERVAL_SECONDS = 0.0005


def app_from_env() -> Litestar:
    """Build the app from CONDUIT_* environment variables (each server worker calls this once)."""
    settings = load_settings()
    configure_logging(settings)
    app = create_app(build_container(settings))
    gc.collect()
    gc.freeze()  # what exists now lives as long as the process: never scanned again
    gc.set_threshold(*GC_THRESHOLDS)
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
    return app
