"""/admin: counts, sign-ups and articles per day, the latest audit entries, the health of the services."""

from litestar import get
from litestar.di import NamedDependency
from litestar.response import Template

from core.shared.actor import Actor
from core.shared.pagination import PageRequest
from entrypoints.admin.common import Container, render

DAYS = 14
LATEST = 10


@get("/", name="admin:dashboard")
async def dashboard(actor: NamedDependency[Actor], container: NamedDependency[Container]) -> Template:
    admin = container.admin
    stats = await admin.get_stats().execute(actor)
    days = await admin.get_daily_activity().execute(actor, DAYS)
    latest = await admin.list_audit_log().execute(actor, PageRequest(limit=LATEST))
    readiness = container.infra.readiness()
    failures = await readiness.failures()
    health = {name: failures.get(name, "ok") for name in readiness.names}
    shared_cache = bool(container.settings().redis_url)  # else nothing to check: the cache is in memory
    peak = max([1, *(max(d.signups, d.articles) for d in days)])
    return render(
        "dashboard.html",
        actor,
        stats=stats,
        days=days,
        peak=peak,
        latest=latest.items,
        health=health,
        shared_cache=shared_cache,
    )


handlers = [dashboard]
