"""/admin/cache: what the cache holds, and clearing it (administrators only: the core refuses others)."""

from litestar import Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Template

from core.shared.actor import Actor
from entrypoints.admin.common import Container, render, see_other


@get("/cache")
async def cache_page(
    actor: NamedDependency[Actor], container: NamedDependency[Container], done: FromQuery[str] = ""
) -> Template:
    stats = await container.admin.cache_stats().execute(actor)
    return render("cache.html", actor, stats=stats, cleared=done == "clear")


@post("/cache/clear")
async def clear_cache(actor: NamedDependency[Actor], container: NamedDependency[Container]) -> Response[None]:
    await container.admin.clear_cache().execute(actor)
    return see_other("/admin/cache?done=clear")


handlers = [cache_page, clear_cache]
