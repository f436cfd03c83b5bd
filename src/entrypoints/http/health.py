"""Probes for orchestrators: /health/live (the process answers) and /health/ready (it can serve)."""

import msgspec
from litestar import Controller, MediaType, Response, get
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE

from entrypoints.health import Readiness


class ReadyBody(msgspec.Struct, omit_defaults=True):
    status: str  # "ok" or "unavailable"
    checks: dict[str, str]  # each check: "ok" or why it fails
    failing: list[str] = []


class HealthController(Controller):
    path = "/health"
    tags = ["Operations"]

    @get("/live", operation_id="Live", summary="The process is up (never touches a dependency)")
    async def live(self) -> dict[str, str]:
        return {"status": "ok"}

    @get(
        "/ready",
        operation_id="Ready",
        summary="Database reachable and migrated; Redis reachable when configured",
        responses={
            HTTP_503_SERVICE_UNAVAILABLE: ResponseSpec(
                data_container=ReadyBody, description="Not ready: `failing` names the failing checks"
            )
        },
    )
    async def ready(self, readiness: NamedDependency[Readiness]) -> Response[ReadyBody]:
        failures = await readiness.failures()
        checks = {name: failures.get(name, "ok") for name in readiness.names}
        if failures:
            body = ReadyBody(status="unavailable", checks=checks, failing=sorted(failures))
            return Response(body, status_code=HTTP_503_SERVICE_UNAVAILABLE, media_type=MediaType.JSON)
        return Response(
            ReadyBody(status="ok", checks=checks), status_code=HTTP_200_OK, media_type=MediaType.JSON
        )
