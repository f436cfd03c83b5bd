"""ASGI entry for servers: `uvicorn --factory entrypoints.http.asgi:app_from_env`."""

from litestar import Litestar

from entrypoints.container import build_container
from entrypoints.http.app import create_app
from entrypoints.logs import configure_logging
from entrypoints.settings import load_settings


def app_from_env() -> Litestar:
    """Build the app from CONDUIT_* environment variables (each server worker calls this once)."""
    settings = load_settings()
    configure_logging(settings)
    return create_app(build_container(settings))
