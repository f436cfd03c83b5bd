"""The ceiling: a bare Litestar app whose one GET route returns a pre-built body from Redis.

Served by the same software as Conduit (uvicorn, the same options, the same garbage collector
tuning), it is what a cached endpoint costs with one Redis GET per request and the bytes out.
Conduit can beat it: it sends the lookups of concurrent requests to Redis together. Run it with
`uvicorn --factory bench.ceiling:app_from_env` and BENCH_CEILING_REDIS_URL, BENCH_CEILING_PREFIX set.
"""

import gc
import os

from litestar import Litestar, Response, get
from litestar.exceptions import NotFoundException
from redis.asyncio import Redis

from entrypoints.http.asgi import GC_THRESHOLDS

REDIS_URL_VAR = "BENCH_CEILING_REDIS_URL"
PREFIX_VAR = "BENCH_CEILING_PREFIX"


def create_app(redis_url: str, prefix: str) -> Litestar:
    redis = Redis.from_url(redis_url)

    @get("/ceiling/{name:str}")
    async def body(name: str) -> Response[bytes]:
        content = await redis.get(f"{prefix}{name}")
        if content is None:
            raise NotFoundException(f"no body stored for {name}")
        return Response(content, media_type="application/json")

    async def close() -> None:
        await redis.aclose()

    return Litestar(route_handlers=[body], on_shutdown=[close], openapi_config=None, debug=False)


def app_from_env() -> Litestar:
    app = create_app(os.environ[REDIS_URL_VAR], os.environ[PREFIX_VAR])
    gc.collect()  # the same collector tuning as Conduit's workers (entrypoints.http.asgi)
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    return app
