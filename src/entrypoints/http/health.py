"""Probes for orchestrators: /health/live (the process answers) and /health/ready (it can serve)."""

from typing import Any

from litestar import Controller, MediaType, Response, get
from litestar.di import NamedDependency
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE

from entrypoints.health import Readiness


class HealthController(Controller):
    path = "/health"
    tags = ["Operations"]

    @get("/live", operation_id="Live", summary="The process is up (never touches a dependency)")
    async def live(self) -> dict[str, str]:
        return {"status": "ok"}

    @get(
        "/ready",
        operation_id="Ready",
        summary="Database reachable and migrated; Redis reachable when configured. 503 names what fails",
    )
    async def ready(self, readiness: NamedDependency[Readiness]) -> Response[Any]:
        failures = await readiness.failures()
        checks = {name: failures.get(name, "ok") for name in readiness.names}
        if failures:
            body = {"status": "unavailable", "failing": sorted(failures), "checks": checks}
            return Response(body, status_code=HTTP_503_SERVICE_UNAVAILABLE, media_type=MediaType.JSON)
        return Response(
            {"status": "ok", "checks": checks}, status_code=HTTP_200_OK, media_type=MediaType.JSON
        )
